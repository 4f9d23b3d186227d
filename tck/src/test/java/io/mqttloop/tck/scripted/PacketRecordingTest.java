package io.mqttloop.tck.scripted;

import static io.mqttloop.tck.scripted.PlainClient.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PacketRecordingTest {
  private final ScriptedBroker broker = ScriptedBroker.start();

  @AfterEach
  void closeBroker() {
    broker.close();
  }

  @Test
  void recordsEveryPacketInArrivalOrder() {
    try (PlainClient client = PlainClient.connectAndSendConnect(broker)) {
      client.send(ClientPackets.publish("a", 1, 3));
      client.send(ClientPackets.publish("b", 0, 0));
      client.send(ClientPackets.publish("c", 2, 1));
      client.send(MqttMessage.PINGREQ);

      broker.awaitPacket(4, TIMEOUT);

      List<ReceivedPacket> received = broker.received();
      assertEquals(List.of(MqttMessageType.CONNECT, MqttMessageType.PUBLISH,
              MqttMessageType.PUBLISH, MqttMessageType.PUBLISH, MqttMessageType.PINGREQ),
          received.stream().map(ReceivedPacket::type).toList());
      assertEquals(List.of("a", "b", "c"), broker.received(MqttMessageType.PUBLISH).stream()
          .map(packet -> packet.as(MqttPublishMessage.class).variableHeader().topicName())
          .toList());
      assertEquals(3, received.get(1).packetId());
      assertEquals(1, received.get(3).packetId());
    }
  }

  @Test
  void tellsTheConnectionsApart() {
    try (PlainClient first = PlainClient.connectAndSendConnect(broker)) {
      first.nextPacket(MqttMessageType.CONNACK);
    }
    try (PlainClient second = PlainClient.connectAndSendConnect(broker)) {
      second.send(ClientPackets.publish("on-second", 0, 0));

      ReceivedPacket publish = broker.awaitPacket(MqttMessageType.PUBLISH, TIMEOUT);

      assertEquals(1, publish.connection());
      assertEquals(0, broker.received().get(0).connection());
      assertEquals(2, broker.connectionCount());
    }
  }

  @Test
  void awaitsTheFirstPacketsThatMatch() {
    try (PlainClient client = PlainClient.connectAndSendConnect(broker)) {
      for (int id = 1; id <= 4; id++) {
        client.send(ClientPackets.publish("t" + id, 1, id));
      }

      List<ReceivedPacket> even = broker.awaitPackets(
          2, packet -> packet.is(MqttMessageType.PUBLISH) && packet.packetId() % 2 == 0, TIMEOUT);

      assertEquals(List.of(2, 4), even.stream().map(ReceivedPacket::packetId).toList());
      assertEquals(3, broker.awaitPacket(
          packet -> packet.is(MqttMessageType.PUBLISH) && packet.packetId() > 2, TIMEOUT)
          .packetId());
    }
  }

  @Test
  void failsAnAwaitWithTheListOfWhatWasReceived() {
    try (PlainClient client = PlainClient.connectAndSendConnect(broker)) {
      client.send(ClientPackets.publish("seen/topic", 1, 7));
      broker.awaitPacket(MqttMessageType.PUBLISH, TIMEOUT);

      AssertionError failure = assertThrows(AssertionError.class,
          () -> broker.awaitPacket(MqttMessageType.SUBSCRIBE, Duration.ofMillis(100)));

      assertTrue(failure.getMessage().contains("SUBSCRIBE"), failure.getMessage());
      assertTrue(failure.getMessage().contains("CONNECT clientId=plain-client"),
          failure.getMessage());
      assertTrue(failure.getMessage().contains("PUBLISH id=7"), failure.getMessage());
    }
  }

  @Test
  void keepsABigPayloadWholeAndReadable() {
    byte[] payload = new byte[3 * 1024 * 1024];
    new Random(42).nextBytes(payload);

    try (PlainClient client = PlainClient.connectAndSendConnect(broker)) {
      client.send(ClientPackets.publish("big", 1, 1, payload));

      ReceivedPacket publish = broker.awaitPacket(MqttMessageType.PUBLISH, TIMEOUT);

      assertFalse(publish.isMalformed());
      assertArrayEquals(payload, publish.payload());
      assertArrayEquals(payload, publish.payload(), "reading the payload must not consume it");
    }
  }

  @Test
  void recordsAMalformedPacketAndClosesTheConnection() {
    try (PlainClient client = PlainClient.connectAndSendConnect(broker)) {
      // A PUBREL must carry the flags 0010; 0000 is malformed (MQTT-3.6.1-1).
      client.sendRaw((byte) 0x60, (byte) 0x02, (byte) 0x00, (byte) 0x01);

      ReceivedPacket malformed = broker.awaitPacket(ReceivedPacket::isMalformed, TIMEOUT);

      assertNotNull(malformed.malformation());
      client.awaitClosed();
    }
  }

  @Test
  void refusesAPacketIdWhereThereIsNone() {
    try (PlainClient client = PlainClient.connectAndSendConnect(broker)) {
      ReceivedPacket connect = broker.awaitPacket(MqttMessageType.CONNECT, TIMEOUT);

      assertThrows(IllegalStateException.class, connect::packetId);
      assertThrows(IllegalStateException.class, connect::payload);
    }
  }
}
