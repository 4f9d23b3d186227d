package io.mqttloop.tck.scripted;

import static io.mqttloop.tck.scripted.PlainClient.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientClosingTest {
  private final ScriptedBroker broker = ScriptedBroker.start();

  @AfterEach
  void closeBroker() {
    broker.close();
  }

  @Test
  void seesTheClientCloseAfterDisconnect() {
    PlainClient client = PlainClient.connectAndSendConnect(broker);
    client.send(MqttMessage.DISCONNECT);

    client.close();

    broker.awaitPacket(MqttMessageType.DISCONNECT, TIMEOUT);
    broker.awaitClientClosed(TIMEOUT);
    broker.awaitClientClosed(0, TIMEOUT);
  }

  @Test
  void failsWhileTheClientKeepsTheConnectionOpen() {
    try (PlainClient client = PlainClient.connectAndSendConnect(broker)) {
      client.send(MqttMessage.DISCONNECT);
      broker.awaitPacket(MqttMessageType.DISCONNECT, TIMEOUT);

      AssertionError stillOpen = assertThrows(AssertionError.class,
          () -> broker.awaitClientClosed(Duration.ofMillis(200)));

      assertTrue(stillOpen.getMessage().contains("still open"), stillOpen.getMessage());
      assertTrue(stillOpen.getMessage().contains("DISCONNECT"), stillOpen.getMessage());
    }
  }

  @Test
  void failsWhenNoClientConnected() {
    assertThrows(AssertionError.class, () -> broker.awaitClientClosed(Duration.ofMillis(10)));
    assertThrows(AssertionError.class, () -> broker.awaitClientClosed(0, Duration.ofMillis(10)));
  }
}
