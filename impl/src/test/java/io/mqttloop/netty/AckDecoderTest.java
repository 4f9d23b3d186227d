package io.mqttloop.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With the ack decoder in front, Netty's decoder and the loop see the same packets as without it,
 * however the bytes are cut into reads; acknowledgements that MQTT 3.1.1 does not allow are still
 * refused by Netty's decoder.
 */
class AckDecoderTest {
  private static final int MAX_PACKET = 1_000;

  /** PUBACK 1, PUBLISH 2, PUBREC 3, PUBREL 4, PINGRESP, PUBCOMP 5, UNSUBACK 6, SUBACK 7, ... */
  private static final String STREAM = "40020001" + "3209" + "0003612f62" + "0002" + "6869"
      + "50020003" + "62020004" + "d000" + "70020005" + "b0020006"
      + "9003000701" + "30" + "8101" + "0001" + "74" + repeat("ab", 126) + "40020007";

  @Test
  void everyCutOfTheStreamDecodesAsNettyAloneDoes() {
    List<String> expected = decode(new EmbeddedChannel(new MqttDecoder(MAX_PACKET)), STREAM, 0);

    assertEquals(10, expected.size(), expected.toString());
    for (int cut = 1; cut <= 40; cut++) {
      assertEquals(expected, decode(channel(), STREAM, cut), "reads of " + cut + " bytes");
    }
  }

  @Test
  void theAckDecoderDecodesAcknowledgementsAndHandsOnTheRestAsBytes() {
    EmbeddedChannel channel = new EmbeddedChannel(new AckDecoder());
    channel.writeInbound(bytes("40020001" + "d000" + "62020102"));

    MqttMessage puback = assertInstanceOf(MqttMessage.class, channel.readInbound());
    ByteBuf pingresp = assertInstanceOf(ByteBuf.class, channel.readInbound());
    MqttMessage pubrel = assertInstanceOf(MqttMessage.class, channel.readInbound());
    assertEquals("PUBACK 1", describe(puback));
    assertEquals("d000", ByteBufUtil.hexDump(pingresp));
    assertEquals("PUBREL 258 AT_LEAST_ONCE",
        describe(pubrel) + " " + pubrel.fixedHeader().qosLevel());
    pingresp.release();
  }

  @Test
  void anAcknowledgementMqttDoesNotAllowIsRefusedAsBefore() {
    for (String bad : List.of("40020000", "42020001", "60020001", "4003000100")) {
      List<String> alone = decode(new EmbeddedChannel(new MqttDecoder(MAX_PACKET)), bad, 0);
      List<String> behind = decode(channel(), bad, 0);

      assertEquals(alone, behind, bad);
    }
    assertTrue(decode(channel(), "40020000", 0).get(0).startsWith("FAILED"), "packet id 0");
    assertTrue(decode(channel(), "60020001", 0).get(0).startsWith("FAILED"), "PUBREL flags 0");
  }

  @Test
  void aPacketOverTheLimitIsRefusedAsBefore() {
    String tooLarge = "30" + "e907" + "0001" + "74" + repeat("00", 1_000);

    List<String> behind = decode(channel(), tooLarge + "40020001", 7);

    assertTrue(behind.get(0).startsWith("FAILED"), behind.toString());
  }

  private static EmbeddedChannel channel() {
    return new EmbeddedChannel(new AckDecoder(), new MqttDecoder(MAX_PACKET));
  }

  /** What the loop would see of {@code hex}, fed in reads of {@code cut} bytes (0: one read). */
  private static List<String> decode(EmbeddedChannel channel, String hex, int cut) {
    ByteBuf all = bytes(hex);
    int step = cut == 0 ? all.readableBytes() : cut;
    while (all.isReadable()) {
      channel.writeInbound(all.readRetainedSlice(Math.min(step, all.readableBytes())));
    }
    all.release();
    List<String> seen = new ArrayList<>();
    Object next;
    while ((next = channel.readInbound()) != null) {
      seen.add(describe(assertInstanceOf(MqttMessage.class, next)));
      ReferenceCountUtil.release(next);
    }
    channel.finishAndReleaseAll();
    return seen;
  }

  private static String describe(MqttMessage message) {
    if (message.decoderResult().isFailure()) {
      return "FAILED " + message.decoderResult().cause().getClass().getSimpleName();
    }
    String type = message.fixedHeader().messageType().toString();
    if (message instanceof MqttPublishMessage publish) {
      return type + " " + publish.variableHeader().packetId() + " "
          + publish.variableHeader().topicName() + " " + ByteBufUtil.hexDump(publish.payload());
    }
    return message.variableHeader() instanceof MqttMessageIdVariableHeader id
        ? type + " " + id.messageId() : type;
  }

  private static ByteBuf bytes(String hex) {
    return Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex));
  }

  private static String repeat(String hex, int times) {
    return hex.repeat(times);
  }
}
