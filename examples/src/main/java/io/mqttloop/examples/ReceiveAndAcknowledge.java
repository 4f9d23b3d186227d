package io.mqttloop.examples;

import io.mqttloop.Command;
import io.mqttloop.Message;
import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import io.mqttloop.QoS;
import io.mqttloop.Sources;
import io.mqttloop.Subscribe;
import io.mqttloop.netty.NettyMqtt;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The README's receiving example: a subscriber that keeps at most ten messages in hand, works on
 * them on a pool of its own, and acknowledges each to the broker only once its work is done.
 * While all ten are in hand the loop stops reading, and the broker holds the rest.
 */
public final class ReceiveAndAcknowledge {
  private ReceiveAndAcknowledge() {}

  /** Receives {@code args[1]} messages on {@code orders/#} from the broker at {@code args[0]}. */
  public static void main(String[] args) throws Exception {
    String[] broker = args[0].split(":", 2);
    int processed = receive(broker[0], Integer.parseInt(broker[1]), Integer.parseInt(args[1]),
        clientId -> { }, () -> { });
    System.out.println(processed + " orders processed and acknowledged");
  }

  /**
   * Subscribes, runs {@code whenSubscribed}, then processes {@code expected} messages; returns how
   * many were processed. {@code readyFor} waits, where the broker needs it, until the loop may
   * subscribe after its CONNACK.
   */
  static int receive(String host, int port, int expected, Consumer<String> readyFor,
      Runnable whenSubscribed) throws Exception {
    ExecutorService loops = Executors.newCachedThreadPool();
    ExecutorService workers = Executors.newFixedThreadPool(4);
    try {
      String clientId = "order-processor-" + ProcessHandle.current().pid();
      MqttOptions options = MqttOptions.builder().broker(host, port).clientId(clientId)
          .manualAcknowledgement(true).build();
      MqttEventLoop loop = NettyMqtt.factory().create(options, loops);
      CountDownLatch done = new CountDownLatch(expected);
      loop.messages().subscribe(new TenInHand(workers, done));

      loop.connect().toCompletableFuture().get(10, TimeUnit.SECONDS);
      readyFor.accept(clientId);
      loop.run(Sources.from(List.of(Subscribe.to("orders/#", QoS.AT_LEAST_ONCE))))
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
      whenSubscribed.run();

      done.await(60, TimeUnit.SECONDS);
      loop.execute(Command.disconnect()).toCompletableFuture().get(10, TimeUnit.SECONDS);
      return expected - (int) done.getCount();
    } finally {
      workers.shutdown();
      loops.shutdown();
    }
  }

  /** Keeps ten messages in hand: asks for one more each time one is processed. */
  private static final class TenInHand implements Flow.Subscriber<Message> {
    private final ExecutorService workers;
    private final CountDownLatch done;
    private Flow.Subscription subscription;

    TenInHand(ExecutorService workers, CountDownLatch done) {
      this.workers = workers;
      this.done = done;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(10);
    }

    @Override
    public void onNext(Message order) {
      CompletableFuture.runAsync(() -> process(order), workers)
          .thenRun(() -> {
            order.acknowledge();
            done.countDown();
            subscription.request(1);
          });
    }

    @Override
    public void onError(Throwable error) {
      System.err.println("messages refused: " + error);
    }

    @Override
    public void onComplete() {
      System.out.println("the loop closed");
    }

    private static void process(Message order) {
      // The application's work: here, reading the payload is all there is.
      order.payloadBytes();
    }
  }
}
