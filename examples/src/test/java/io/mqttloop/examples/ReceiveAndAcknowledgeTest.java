package io.mqttloop.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mqttloop.Command;
import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import io.mqttloop.QoS;
import io.mqttloop.Sources;
import io.mqttloop.netty.NettyMqtt;
import io.mqttloop.tck.NumberedPublishes;
import io.mqttloop.tck.broker.SharedBroker;
import io.mqttloop.tck.broker.TestBroker;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The README's receiving example processes and acknowledges every message it is sent. */
@ExtendWith(SharedBroker.class)
class ReceiveAndAcknowledgeTest {

  @Test
  void everyOrderIsProcessedAndAcknowledged(TestBroker broker) throws Exception {
    ExecutorService executor = Executors.newCachedThreadPool();
    try {
      int processed = ReceiveAndAcknowledge.receive(broker.host(), broker.port(), 500,
          clientId -> broker.awaitReadyFor(clientId, Duration.ofSeconds(10)),
          () -> publishOrders(broker, executor));

      assertEquals(500, processed);
    } finally {
      executor.shutdown();
    }
  }

  private static void publishOrders(TestBroker broker, ExecutorService executor) {
    MqttOptions options = MqttOptions.builder().broker(broker.host(), broker.port()).build();
    MqttEventLoop publisher = NettyMqtt.factory().create(options, executor);
    publisher.connect()
        .thenCompose(connected -> publisher.run(Sources.from(
            NumberedPublishes.of(500, QoS.AT_LEAST_ONCE, "orders/new"))))
        .thenCompose(published -> publisher.execute(Command.disconnect()));
  }
}
