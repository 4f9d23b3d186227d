package io.mqttloop.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.mqttloop.Command;
import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import io.mqttloop.Outcome;
import io.mqttloop.Publish;
import io.mqttloop.QoS;
import io.mqttloop.Sources;
import io.mqttloop.netty.NettyMqtt;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The README's asynchronous example: publish a reading, and once the broker has acknowledged it,
 * publish a status, then disconnect; all composed with {@code thenCompose}, nothing blocks.
 */
public final class AsyncChain {
  private AsyncChain() {}

  /** Runs the chain against the broker at {@code args[0]}, given as {@code host:port}. */
  public static void main(String[] args) throws Exception {
    String[] broker = args[0].split(":", 2);
    Outcome.Disconnected end = publishReadingThenStatus(broker[0], Integer.parseInt(broker[1]))
        .toCompletableFuture().get();
    System.out.println("disconnected with " + end.state().requests().size() + " pending");
  }

  /** The chain; its stage completes once the loop has disconnected. */
  static CompletionStage<Outcome.Disconnected> publishReadingThenStatus(String host, int port) {
    ExecutorService executor = Executors.newCachedThreadPool();
    MqttOptions options = MqttOptions.builder().broker(host, port).clientId("sensor-7").build();
    MqttEventLoop loop = NettyMqtt.factory().create(options, executor);

    Publish reading = Publish.of("sensors/7/temp", "21.5".getBytes(UTF_8), QoS.AT_LEAST_ONCE);
    Publish status = Publish.of("sensors/7/status", "ok".getBytes(UTF_8), QoS.AT_LEAST_ONCE);
    reading.completion().thenAccept(acked -> System.out.println("the broker has " + acked));

    return loop.connect()
        .thenCompose(connected -> loop.run(Sources.from(List.of(reading))))
        .thenCompose(readingAcked -> loop.run(Sources.from(List.of(status))))
        .thenCompose(statusAcked -> loop.execute(Command.disconnect()))
        .whenComplete((disconnected, error) -> {
          if (error != null) {
            System.err.println("the chain failed: " + error);
          }
          executor.shutdown();
        });
  }
}
