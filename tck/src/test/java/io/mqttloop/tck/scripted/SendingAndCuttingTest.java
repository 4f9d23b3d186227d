package io.mqttloop.tck.scripted;

import static io.mqttloop.tck.scripted.PlainClient.TIMEOUT;
import static io.mqttloop.tck.scripted.PlainClient.idOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SendingAndCuttingTest {
  private final ScriptedBroker broker = ScriptedBroker.start();

  @AfterEach
  void closeBroker() {
    broker.close();
  }

  @Test
  void sendsAPubackForAnIdNotInFlight() {
    try (PlainClient client = connected()) {
      broker.send(BrokerPackets.puback(42));

      assertEquals(42, idOf(client.nextPacket(MqttMessageType.PUBACK)));
    }
  }

  @Test
  void sendsASecondConnack() {
    try (PlainClient client = connected()) {
      broker.send(BrokerPackets.connack(0, true));

      MqttConnAckMessage second = (MqttConnAckMessage) client.nextPacket(MqttMessageType.CONNACK);
      assertTrue(second.variableHeader().isSessionPresent());
    }
  }

  @Test
  void sendsAPublishToTheClient() {
    byte[] payload = "hello".getBytes(StandardCharsets.UTF_8);

    try (PlainClient client = connected()) {
      broker.send(BrokerPackets.redelivery("to/client", 1, 11, payload));

      MqttPublishMessage publish = (MqttPublishMessage) client.nextPacket(MqttMessageType.PUBLISH);
      assertEquals("to/client", publish.variableHeader().topicName());
      assertEquals(11, publish.variableHeader().packetId());
      assertEquals(MqttQoS.AT_LEAST_ONCE, publish.fixedHeader().qosLevel());
      assertTrue(publish.fixedHeader().isDup());
      assertArrayEquals(payload, ByteBufUtil.getBytes(publish.content()));
    }
  }

  @Test
  void sendsRawBytesAsTheyAre() {
    try (PlainClient client = connected()) {
      broker.sendRaw(new byte[] {0x40, 0x02, 0x00, 0x07});
      assertEquals(7, idOf(client.nextPacket(MqttMessageType.PUBACK)));

      // PUBACK with a reserved flag set: the client's decoder must see it unchanged.
      broker.sendRaw(new byte[] {0x41, 0x02, 0x00, 0x08});
      assertTrue(client.nextPacket().decoderResult().isFailure());
    }
  }

  @Test
  void failsToSendWhenNoClientHasConnected() {
    assertThrows(AssertionError.class, () -> broker.send(BrokerPackets.pingresp()));
  }

  @Test
  void failsToSendOnAClosedConnection() {
    try (PlainClient client = connected()) {
      broker.cut();

      assertThrows(AssertionError.class, () -> broker.send(BrokerPackets.pingresp()));
    }
  }

  @Test
  void cutClosesTheClientsConnection() {
    try (PlainClient client = connected()) {
      broker.cut();

      client.awaitClosed();
      AssertionError notTheClient = assertThrows(AssertionError.class,
          () -> broker.awaitClientClosed(TIMEOUT));
      assertTrue(notTheClient.getMessage().contains("closed by the broker"),
          notTheClient.getMessage());
    }
  }

  @Test
  void silenceRecordsPacketsButAnswersNone() {
    try (PlainClient client = connected()) {
      broker.silence();
      client.send(MqttMessage.PINGREQ);
      broker.awaitPackets(1, ReceivedPacket.ofType(MqttMessageType.PINGREQ), TIMEOUT);

      broker.resumeAnswering();
      client.send(MqttMessage.PINGREQ);
      client.send(ClientPackets.unsubscribe(3, "x"));

      // One PINGRESP for two PINGREQs, then the UNSUBACK: the silent one went unanswered.
      client.nextPacket(MqttMessageType.PINGRESP);
      client.nextPacket(MqttMessageType.UNSUBACK);
      assertTrue(client.isOpen());
    }
  }

  private PlainClient connected() {
    PlainClient client = PlainClient.connectAndSendConnect(broker);
    client.nextPacket(MqttMessageType.CONNACK);
    return client;
  }
}
