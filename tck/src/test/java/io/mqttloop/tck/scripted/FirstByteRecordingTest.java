package io.mqttloop.tck.scripted;

import static io.mqttloop.tck.scripted.PlainClient.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FirstByteRecordingTest {
  private final ScriptedBroker broker = ScriptedBroker.start();

  @AfterEach
  void closeBroker() {
    broker.close();
  }

  @Test
  void recordsTheFirstByteOfEveryPacketTypeAClientSends() {
    try (PlainClient client = PlainClient.connectAndSendConnect(broker)) {
      client.send(ClientPackets.publish("q0", 0, 0));
      client.send(ClientPackets.publish("q2", 2, 4));
      client.send(BrokerPackets.pubrel(4));
      client.send(MqttMessageBuilders.subscribe()
          .messageId(5).addSubscription(MqttQoS.AT_LEAST_ONCE, "a/#").build());
      client.send(ClientPackets.unsubscribe(6, "a/#"));
      client.send(BrokerPackets.puback(1));
      client.send(BrokerPackets.pubrec(2));
      client.send(BrokerPackets.pubcomp(3));
      client.send(MqttMessage.PINGREQ);
      client.send(MqttMessage.DISCONNECT);

      List<ReceivedPacket> received = broker.awaitPackets(11, packet -> true, TIMEOUT);

      assertEquals(List.of(0x10, 0x30, 0x34, 0x62, 0x82, 0xA2, 0x40, 0x50, 0x70, 0xC0, 0xE0),
          received.stream().map(ReceivedPacket::firstByte).toList());
      assertEquals(0b0010, received.get(3).flags());
      assertEquals(0b0000, received.get(6).flags());
    }
  }

  @Test
  void recordsThePublishFlagsAsWritten() {
    try (PlainClient client = PlainClient.connectAndSendConnect(broker)) {
      byte[] topic = "flags".getBytes(StandardCharsets.UTF_8);
      client.sendRaw(RawPackets.publish(0x3B, topic, 1, new byte[0]));
      client.sendRaw(RawPackets.publish(0x35, topic, 2, new byte[0]));
      client.sendRaw(RawPackets.publish(0x31, topic, -1, new byte[0]));

      List<ReceivedPacket> publishes =
          broker.awaitPackets(3, ReceivedPacket.ofType(MqttMessageType.PUBLISH), TIMEOUT);

      assertEquals(List.of(0x3B, 0x35, 0x31),
          publishes.stream().map(ReceivedPacket::firstByte).toList());
      assertTrue(publishes.get(0).message().fixedHeader().isDup());
      assertTrue(publishes.get(2).message().fixedHeader().isRetain());
    }
  }

  @Test
  void recordsThePubrelThatCarriesWrongFlagsWithItsRawByte() {
    try (PlainClient client = PlainClient.connectAndSendConnect(broker)) {
      client.send(BrokerPackets.pubrel(8));
      client.sendRaw(RawPackets.packet(0x60, new byte[] {0x00, 0x09}));

      ReceivedPacket malformed = broker.awaitPacket(ReceivedPacket::isMalformed, TIMEOUT);

      ReceivedPacket wellFormed = broker.received(MqttMessageType.PUBREL).get(0);
      assertEquals(0x62, wellFormed.firstByte());
      assertFalse(wellFormed.isMalformed());
      assertEquals(0x60, malformed.firstByte());
      assertEquals(0b0000, malformed.flags());
      assertTrue(malformed.toString().contains("first byte 0x60"), malformed.toString());
      client.awaitClosed();
    }
  }

  @Test
  void keepsTheBytesAlignedAcrossABigPacketAndSplitWrites() {
    byte[] big = RawPackets.publish(0x32, "big".getBytes(StandardCharsets.UTF_8), 3,
        new byte[3 * 1024 * 1024]);
    byte[] pubrel = RawPackets.packet(0x62, new byte[] {0x00, 0x03});

    try (PlainClient client = PlainClient.connectAndSendConnect(broker)) {
      client.sendRaw(Arrays.copyOfRange(big, 0, 3));
      client.sendRaw(Arrays.copyOfRange(big, 3, big.length));
      client.sendRaw(pubrel[0]);
      client.sendRaw(Arrays.copyOfRange(pubrel, 1, pubrel.length));
      client.send(MqttMessage.PINGREQ);

      List<ReceivedPacket> received = broker.awaitPackets(4, packet -> true, TIMEOUT);

      assertEquals(List.of(0x10, 0x32, 0x62, 0xC0),
          received.stream().map(ReceivedPacket::firstByte).toList());
      assertEquals(3 * 1024 * 1024, received.get(1).payload().length);
    }
  }

  @Test
  void findsTheClientsAnswerToAPacketIdentifier() {
    try (PlainClient client = PlainClient.connectAndSendConnect(broker)) {
      client.send(BrokerPackets.puback(3));
      client.send(BrokerPackets.pubrec(4));
      client.send(BrokerPackets.puback(4));

      ReceivedPacket puback = broker.awaitPacket(
          ReceivedPacket.ofType(MqttMessageType.PUBACK, 4), TIMEOUT);

      assertEquals(4, puback.packetId());
      assertEquals(3, broker.received().indexOf(puback));
    }
  }

  @Test
  void refusesAFirstByteThatIsNoByte() {
    assertThrows(IllegalArgumentException.class,
        () -> new ReceivedPacket(0, MqttMessage.PINGREQ, 0x100));
    assertThrows(IllegalArgumentException.class,
        () -> new ReceivedPacket(0, MqttMessage.PINGREQ, -1));
  }
}
