package io.mqttloop.tck.scripted;

import static io.mqttloop.tck.scripted.PlainClient.TIMEOUT;
import static io.mqttloop.tck.scripted.PlainClient.idOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PublishingToTheClientTest {
  private static final byte[] PAYLOAD = "m".getBytes(StandardCharsets.UTF_8);

  private final ScriptedBroker broker = ScriptedBroker.start();

  @AfterEach
  void closeBroker() {
    broker.close();
  }

  @Test
  void sendsARetainedPublishWithTheFlagsAsked() {
    try (PlainClient client = connected()) {
      broker.send(BrokerPackets.publish("r", 1, 9, false, true, PAYLOAD));
      broker.send(BrokerPackets.publish("d", 2, 10, true, false, PAYLOAD));

      MqttPublishMessage retained = (MqttPublishMessage) client.nextPacket();
      assertTrue(retained.fixedHeader().isRetain());
      assertFalse(retained.fixedHeader().isDup());
      assertEquals(MqttQoS.AT_LEAST_ONCE, retained.fixedHeader().qosLevel());
      assertEquals(9, retained.variableHeader().packetId());
      assertArrayEquals(PAYLOAD, ByteBufUtil.getBytes(retained.content()));
      MqttPublishMessage duplicate = (MqttPublishMessage) client.nextPacket();
      assertFalse(duplicate.fixedHeader().isRetain());
      assertTrue(duplicate.fixedHeader().isDup());
      assertEquals(MqttQoS.EXACTLY_ONCE, duplicate.fixedHeader().qosLevel());
    }
  }

  @Test
  void recordsTheClientsPubackForAQos1Publish() {
    try (PlainClient client = connected()) {
      broker.send(BrokerPackets.publish("q1", 1, 12, PAYLOAD));
      int packetId = ((MqttPublishMessage) client.nextPacket()).variableHeader().packetId();
      client.send(BrokerPackets.puback(packetId));

      ReceivedPacket puback =
          broker.awaitPacket(ReceivedPacket.ofType(MqttMessageType.PUBACK, 12), TIMEOUT);

      assertEquals(0x40, puback.firstByte());
    }
  }

  @Test
  void letsTheTestDriveTheQos2FlowAndRecordsEachAnswer() {
    try (PlainClient client = connected()) {
      broker.send(BrokerPackets.publish("q2", 2, 13, PAYLOAD));
      client.nextPacket(MqttMessageType.PUBLISH);
      client.send(BrokerPackets.pubrec(13));
      broker.awaitPacket(ReceivedPacket.ofType(MqttMessageType.PUBREC, 13), TIMEOUT);

      broker.send(BrokerPackets.pubrel(13));
      assertEquals(13, idOf(client.nextPacket(MqttMessageType.PUBREL)));
      client.send(BrokerPackets.pubcomp(13));
      client.send(MqttMessage.PINGREQ);

      ReceivedPacket pubcomp =
          broker.awaitPacket(ReceivedPacket.ofType(MqttMessageType.PUBCOMP, 13), TIMEOUT);
      assertEquals(0x70, pubcomp.firstByte());
      // The broker answered neither the PUBREC nor the PUBCOMP: the PINGRESP comes next.
      client.nextPacket(MqttMessageType.PINGRESP);
    }
  }

  @Test
  void sendsAPublishWithQos3ThatTheClientsDecoderRefuses() {
    try (PlainClient client = connected()) {
      broker.sendRaw(RawPackets.publish(
          0x36, "t".getBytes(StandardCharsets.UTF_8), 1, PAYLOAD));

      assertTrue(client.nextPacket().decoderResult().isFailure());
    }
  }

  @Test
  void sendsATopicThatIsNotWellFormedUtf8ByteForByte() {
    byte[] surrogate = {(byte) 0xED, (byte) 0xA0, (byte) 0x80};
    byte[] publish = RawPackets.publish(0x30, surrogate, -1, PAYLOAD);

    try (RawClient client = RawClient.connectTo(broker)) {
      broker.sendRaw(publish);

      assertArrayEquals(publish, client.read(publish.length));
    }
  }

  private PlainClient connected() {
    PlainClient client = PlainClient.connectAndSendConnect(broker);
    client.nextPacket(MqttMessageType.CONNACK);
    return client;
  }
}
