package io.mqttloop.examples;

import io.mqttloop.Command;
import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import io.mqttloop.Outcome;
import io.mqttloop.Publish;
import io.mqttloop.QoS;
import io.mqttloop.RequestChannel;
import io.mqttloop.netty.NettyMqtt;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Eight producer threads publish through one {@link RequestChannel} that a single loop runs.
 * Each thread sends 1,000 QoS 1 publishes and never blocks: a send that finds the channel full
 * waits in line behind the others, so every thread's publishes reach the loop, and the broker,
 * in the order the thread sent them, and their stages complete in that order. Once every
 * producer is done, closing the channel lets the run complete.
 *
 * <p>It connects to {@code localhost:1883}, or to the broker its one argument names as
 * {@code host:port}; it starts none of its own.
 */
public final class ProducerThreads {
  static final int PRODUCERS = 8;
  static final int PUBLISHES_PER_PRODUCER = 1_000;
  static final int CHANNEL_CAPACITY = 256;
  static final String TOPIC = "mqttloop/examples/producers/";

  private ProducerThreads() {}

  /**
   * Runs the producers; see the class comment for the argument.
   *
   * @throws IllegalStateException when a publish was not acknowledged, or a producer's
   *     publishes were acknowledged out of the order it sent them
   */
  public static void main(String[] args) throws Exception {
    BrokerAddress broker = BrokerAddress.fromArgs("ProducerThreads", args);
    Report report = publish(broker.host(), broker.port());
    System.out.println(report);
    if (report.acknowledged() != PRODUCERS * PUBLISHES_PER_PRODUCER
        || report.producersInOrder() != PRODUCERS) {
      throw new IllegalStateException("expected every publish acknowledged, in order: " + report);
    }
  }

  /** Runs the producers against the broker at {@code host:port}; returns what they saw. */
  static Report publish(String host, int port) throws Exception {
    ExecutorService loopThreads = Executors.newCachedThreadPool();
    ExecutorService producerThreads = Executors.newFixedThreadPool(PRODUCERS);
    MqttOptions options = MqttOptions.builder().broker(host, port).maxInflight(100).build();
    MqttEventLoop loop = NettyMqtt.factory().create(options, loopThreads);
    Report report;
    try {
      report = publishThrough(loop, producerThreads);
    } finally {
      // Frees the loop's thread if something failed; a loop that has closed ignores it.
      loop.execute(Command.shutdown());
      Pools.shutDown(producerThreads, loopThreads);
    }
    Pools.awaitEnd(producerThreads, loopThreads);
    return report;
  }

  private static Report publishThrough(MqttEventLoop loop, ExecutorService producerThreads)
      throws Exception {
    loop.connect().toCompletableFuture().get(10, TimeUnit.SECONDS);
    RequestChannel channel = RequestChannel.withCapacity(CHANNEL_CAPACITY);
    CompletionStage<Outcome> run = loop.run(channel);

    long start = System.nanoTime();
    CountDownLatch settled = new CountDownLatch(PRODUCERS * PUBLISHES_PER_PRODUCER);
    List<Producer> producers = new ArrayList<>(PRODUCERS);
    CompletableFuture<?>[] sending = new CompletableFuture<?>[PRODUCERS];
    for (int id = 0; id < PRODUCERS; id++) {
      Producer producer = new Producer(id, channel, settled);
      producers.add(producer);
      sending[id] = CompletableFuture.runAsync(producer, producerThreads);
    }
    CompletableFuture.allOf(sending).get(30, TimeUnit.SECONDS);
    channel.close();

    Outcome outcome = run.toCompletableFuture().get(2, TimeUnit.MINUTES);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    if (!settled.await(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException(settled.getCount() + " stages pending after " + outcome);
    }
    loop.execute(Command.disconnect()).toCompletableFuture().get(10, TimeUnit.SECONDS);
    return Report.of(producers, elapsed, outcome);
  }

  /**
   * One producer: sends its publishes, numbered from 0, and notes the numbers in the order their
   * stages complete.
   */
  private static final class Producer implements Runnable {
    private final int id;
    private final RequestChannel channel;
    private final CountDownLatch settled;
    /** Completions come on the loop's thread, or on this producer's when one beats whenComplete. */
    private final Queue<Integer> acknowledged = new ConcurrentLinkedQueue<>();

    Producer(int id, RequestChannel channel, CountDownLatch settled) {
      this.id = id;
      this.channel = channel;
      this.settled = settled;
    }

    @Override
    public void run() {
      for (int number = 0; number < PUBLISHES_PER_PRODUCER; number++) {
        byte[] payload = ByteBuffer.allocate(Integer.BYTES).putInt(number).array();
        Publish publish = Publish.of(TOPIC + id, payload, QoS.AT_LEAST_ONCE);
        int sent = number;
        channel.send(publish).whenComplete((acked, failure) -> {
          if (failure == null) {
            acknowledged.add(sent);
          }
          settled.countDown();
        });
      }
    }

    int acknowledgedCount() {
      return acknowledged.size();
    }

    /** Whether every publish was acknowledged, each after the one sent before it. */
    boolean keptOrder() {
      int expected = 0;
      for (int number : acknowledged) {
        if (number != expected) {
          return false;
        }
        expected++;
      }
      return expected == PUBLISHES_PER_PRODUCER;
    }
  }

  /**
   * What the producers saw.
   *
   * @param acknowledged the publishes the broker acknowledged, of all producers
   * @param producersInOrder the producers whose publishes were all acknowledged in their order
   * @param elapsed from the first send until the run completed
   * @param outcome how the run ended
   */
  record Report(int acknowledged, int producersInOrder, Duration elapsed, Outcome outcome) {
    static Report of(List<Producer> producers, Duration elapsed, Outcome outcome) {
      int acknowledged = 0;
      int inOrder = 0;
      for (Producer producer : producers) {
        acknowledged += producer.acknowledgedCount();
        inOrder += producer.keptOrder() ? 1 : 0;
      }
      return new Report(acknowledged, inOrder, elapsed, outcome);
    }

    @Override
    public String toString() {
      return String.format("%d acknowledged, %d of %d producers in order, in %d ms",
          acknowledged, producersInOrder, PRODUCERS, elapsed.toMillis());
    }
  }
}
