package io.mqttloop.examples;

import io.mqttloop.Command;
import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import io.mqttloop.Outcome;
import io.mqttloop.Publish;
import io.mqttloop.QoS;
import io.mqttloop.Receivers;
import io.mqttloop.Sources;
import io.mqttloop.Subscribe;
import io.mqttloop.netty.NettyMqtt;
import io.mqttloop.tck.broker.Brokers;
import io.mqttloop.tck.broker.TestBroker;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Publishes 10,000 QoS 1 messages of 64 bytes and reports how many the broker acknowledged and a
 * subscriber received. It publishes in rounds of {@value #ROUND}, each once the subscriber has
 * the one before: a broker drops what a subscriber cannot take beyond its queue (mosquitto keeps
 * 1,000 by default), and a publisher on the same machine is faster than any subscriber.
 *
 * <p>With no argument it starts its own broker: a local {@code mosquitto} on a free port, or an
 * embedded Java broker where none is installed. With {@code host:port} it uses that broker.
 */
public final class Quickstart {
  static final int MESSAGES = 10_000;
  static final int PAYLOAD_BYTES = 64;
  static final int ROUND = 500;
  static final String TOPIC = "mqttloop/quickstart";

  private Quickstart() {}

  /**
   * Runs the quickstart; see the class comment for the argument.
   *
   * @throws IllegalStateException when a message was not acknowledged or not received
   */
  public static void main(String[] args) throws Exception {
    if (args.length > 1) {
      throw new IllegalArgumentException("usage: Quickstart [host:port]");
    }
    Report report = args.length == 1 ? publishTo(args[0]) : publishToOwnBroker();
    System.out.println(report);
    if (report.acknowledged() != MESSAGES || report.received() != MESSAGES) {
      throw new IllegalStateException("expected " + MESSAGES + " acknowledged and received: "
          + report);
    }
  }

  private static Report publishToOwnBroker() throws Exception {
    try (TestBroker broker = Brokers.start()) {
      System.out.println("Started the " + broker.kind() + " broker on " + broker.host() + ":"
          + broker.port());
      return publish(broker.host(), broker.port(),
          clientId -> broker.awaitReadyFor(clientId, Duration.ofSeconds(10)));
    }
  }

  private static Report publishTo(String hostAndPort) throws Exception {
    int colon = hostAndPort.lastIndexOf(':');
    if (colon < 1) {
      throw new IllegalArgumentException("broker must be host:port, was " + hostAndPort);
    }
    return publish(hostAndPort.substring(0, colon),
        Integer.parseInt(hostAndPort.substring(colon + 1)), clientId -> { });
  }

  /**
   * Publishes the messages to {@code host:port} while a second connection counts them;
   * {@code readyFor} waits, where the broker needs it, until the subscriber may subscribe.
   */
  static Report publish(String host, int port, Consumer<String> readyFor) throws Exception {
    ExecutorService executor = Executors.newCachedThreadPool();
    try {
      Counter counter = new Counter();
      MqttEventLoop subscriber = subscribe(host, port, executor, counter, readyFor);
      MqttOptions options = MqttOptions.builder().broker(host, port).maxInflight(100).build();
      MqttEventLoop publisher = NettyMqtt.factory().create(options, executor);
      publisher.connect().toCompletableFuture().get(10, TimeUnit.SECONDS);

      List<Publish> publishes = messages();
      long start = System.nanoTime();
      Outcome outcome = publishRound(publisher, publishes, 0, counter);
      for (int from = ROUND; from < MESSAGES; from += ROUND) {
        outcome = publishRound(publisher, publishes, from, counter);
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      int received = counter.awaitCount(MESSAGES, Duration.ofSeconds(30));
      publisher.execute(Command.disconnect()).toCompletableFuture().get(10, TimeUnit.SECONDS);
      subscriber.execute(Command.disconnect()).toCompletableFuture().get(10, TimeUnit.SECONDS);
      return new Report(acknowledged(publishes), received, elapsed, outcome);
    } finally {
      executor.shutdown();
    }
  }

  /** Publishes the round from {@code from} on, and waits until the subscriber has it. */
  private static Outcome publishRound(MqttEventLoop publisher, List<Publish> publishes, int from,
      Counter counter) throws Exception {
    List<Publish> round = publishes.subList(from, Math.min(from + ROUND, publishes.size()));
    Outcome outcome = publisher.run(Sources.from(round)).toCompletableFuture()
        .get(1, TimeUnit.MINUTES);
    counter.awaitCount(from + round.size(), Duration.ofSeconds(30));
    return outcome;
  }

  /** A second loop, subscribed to the topic at QoS 1, counting what it receives. */
  private static MqttEventLoop subscribe(String host, int port, ExecutorService executor,
      Counter counter, Consumer<String> readyFor) throws Exception {
    String clientId = "quickstart-subscriber-" + ProcessHandle.current().pid();
    MqttOptions options = MqttOptions.builder().broker(host, port).clientId(clientId).build();
    MqttEventLoop subscriber = NettyMqtt.factory().create(options, executor);
    subscriber.messages().subscribe(Receivers.handle(message -> counter.increment()));
    subscriber.connect().toCompletableFuture().get(10, TimeUnit.SECONDS);
    readyFor.accept(clientId);
    subscriber.run(Sources.from(List.of(Subscribe.to(TOPIC, QoS.AT_LEAST_ONCE))))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    return subscriber;
  }

  private static List<Publish> messages() {
    List<Publish> publishes = new ArrayList<>(MESSAGES);
    for (int i = 0; i < MESSAGES; i++) {
      byte[] payload = ByteBuffer.allocate(PAYLOAD_BYTES).putInt(i).array();
      publishes.add(Publish.of(TOPIC, payload, QoS.AT_LEAST_ONCE));
    }
    return publishes;
  }

  private static int acknowledged(List<Publish> publishes) {
    int acknowledged = 0;
    for (Publish publish : publishes) {
      if (publish.completion().toCompletableFuture().isDone()
          && !publish.completion().toCompletableFuture().isCompletedExceptionally()) {
        acknowledged++;
      }
    }
    return acknowledged;
  }

  /** Counts messages on the subscriber's loop thread; waited for on the main thread. */
  private static final class Counter {
    private int count;

    synchronized void increment() {
      count++;
      notifyAll();
    }

    synchronized int awaitCount(int expected, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (count < expected && System.nanoTime() < deadline) {
        wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      }
      return count;
    }
  }

  /** What the quickstart saw. */
  record Report(int acknowledged, int received, Duration elapsed, Outcome outcome) {
    @Override
    public String toString() {
      double seconds = Math.max(elapsed.toNanos(), 1) / 1e9;
      return String.format("%d acknowledged, %d received, in %d ms (%.0f messages/s)",
          acknowledged, received, elapsed.toMillis(), acknowledged / seconds);
    }
  }
}
