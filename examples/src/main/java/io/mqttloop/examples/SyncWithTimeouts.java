package io.mqttloop.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.mqttloop.Command;
import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import io.mqttloop.MqttState;
import io.mqttloop.Outcome;
import io.mqttloop.Publish;
import io.mqttloop.QoS;
import io.mqttloop.Sources;
import io.mqttloop.netty.NettyMqtt;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The README's synchronous example: join each stage with a timeout; when a run takes too long,
 * shut down and keep the state, so that nothing unacknowledged is lost.
 */
public final class SyncWithTimeouts {
  private SyncWithTimeouts() {}

  /** Publishes two orders to the broker at {@code args[0]}, given as {@code host:port}. */
  public static void main(String[] args) throws Exception {
    String[] broker = args[0].split(":", 2);
    MqttState left = publishOrders(broker[0], Integer.parseInt(broker[1]));
    System.out.println(left.isEmpty() ? "every order acknowledged" : "kept " + left);
  }

  /** Publishes the orders; returns what is left unacknowledged, empty when all went through. */
  static MqttState publishOrders(String host, int port) throws Exception {
    ExecutorService executor = Executors.newCachedThreadPool();
    try {
      MqttOptions options = MqttOptions.builder().broker(host, port).build();
      MqttEventLoop loop = NettyMqtt.factory().create(options, executor);

      loop.connect().toCompletableFuture().get(10, TimeUnit.SECONDS);
      List<Publish> batch = List.of(
          Publish.of("orders/new", "order 1".getBytes(UTF_8), QoS.EXACTLY_ONCE),
          Publish.of("orders/new", "order 2".getBytes(UTF_8), QoS.EXACTLY_ONCE));
      try {
        loop.run(Sources.from(batch)).toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        Outcome stopped = loop.execute(Command.shutdown()).toCompletableFuture()
            .get(5, TimeUnit.SECONDS);
        return stopped.state();
      }
      return loop.execute(Command.disconnect()).toCompletableFuture()
          .get(10, TimeUnit.SECONDS).state();
    } finally {
      executor.shutdown();
    }
  }
}
