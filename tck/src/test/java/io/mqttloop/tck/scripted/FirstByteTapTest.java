package io.mqttloop.tck.scripted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The tap alone, in front of netty's decoder on an embedded channel, so that a test chooses
 * exactly how the stream is cut into reads.
 */
class FirstByteTapTest {
  private static final byte[] PINGREQ = {(byte) 0xC0, 0x00};
  private static final byte[] PUBREL = RawPackets.packet(0x62, new byte[] {0x00, 0x05});
  private static final byte[] SUBSCRIBE = RawPackets.packet(0x82, new byte[] {
      0x00, 0x06, 0x00, 0x03, 'a', '/', '#', 0x01});
  private static final byte[] PUBLISH_DUP_QOS1_RETAIN = RawPackets.publish(
      0x3B, "t".getBytes(StandardCharsets.UTF_8), 9, new byte[] {1, 2, 3});

  private final FirstByteTap tap = new FirstByteTap();
  private final EmbeddedChannel channel = new EmbeddedChannel(tap, new MqttDecoder(1 << 20));

  @AfterEach
  void closeChannel() {
    channel.finishAndReleaseAll();
  }

  @Test
  void notesTheFirstByteOfEachPacketInOneRead() {
    channel.writeInbound(Unpooled.wrappedBuffer(
        concat(PINGREQ, PUBREL, SUBSCRIBE, PUBLISH_DUP_QOS1_RETAIN)));

    assertEquals(List.of(0xC0, 0x62, 0x82, 0x3B), firstBytesOfDecoded(4));
  }

  @Test
  void followsPacketsSplitOneByteAPerRead() {
    for (byte b : concat(PUBLISH_DUP_QOS1_RETAIN, PINGREQ, PUBREL, SUBSCRIBE)) {
      channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
    }

    assertEquals(List.of(0x3B, 0xC0, 0x62, 0x82), firstBytesOfDecoded(4));
  }

  @Test
  void skipsALongPayloadWithAThreeByteRemainingLengthAcrossReads() {
    byte[] big = RawPackets.publish(0x32, "big".getBytes(StandardCharsets.UTF_8), 7,
        new byte[200_000]);
    assertEquals(0x80, big[1] & 0x80, "the remaining length takes more than one byte");
    byte[] stream = concat(big, PUBREL);

    for (int from = 0; from < stream.length; from += 999) {
      int to = Math.min(stream.length, from + 999);
      channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(stream, from, to)));
    }

    assertEquals(List.of(0x32, 0x62), firstBytesOfDecoded(2));
  }

  @Test
  void notesTheRawByteOfAPubrelWithWrongFlags() {
    channel.writeInbound(Unpooled.wrappedBuffer(concat(
        PINGREQ, RawPackets.packet(0x60, new byte[] {0x00, 0x05}))));

    MqttMessage pingreq = channel.readInbound();
    assertEquals(0xC0, tap.takeFirstByte());
    assertEquals(MqttMessageType.PINGREQ, pingreq.fixedHeader().messageType());
    MqttMessage malformed = channel.readInbound();
    assertTrue(malformed.decoderResult().isFailure());
    assertEquals(0x60, tap.takeFirstByte());
  }

  @Test
  void notesTheByteOfAPacketWhoseTypeTheDecoderCannotRead() {
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x00, 0x00}));

    MqttMessage reserved = channel.readInbound();
    assertTrue(reserved.decoderResult().isFailure());
    assertNull(reserved.fixedHeader());
    assertEquals(0x00, tap.takeFirstByte());
  }

  @Test
  void stopsAtARemainingLengthLongerThanFourBytes() {
    channel.writeInbound(Unpooled.wrappedBuffer(concat(
        new byte[] {0x30, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F},
        PINGREQ, PINGREQ)));

    MqttMessage malformed = channel.readInbound();
    assertTrue(malformed.decoderResult().isFailure());
    assertEquals(0x30, tap.takeFirstByte());
    Object next = channel.readInbound();
    assertNull(next, "the decoder goes on discarding after a malformed packet");
    assertThrows(IllegalStateException.class, tap::takeFirstByte,
        "the tap notes nothing once the boundaries are lost");
  }

  @Test
  void passesTheBytesOnUntouched() {
    EmbeddedChannel tapOnly = new EmbeddedChannel(new FirstByteTap());
    tapOnly.writeInbound(Unpooled.wrappedBuffer(PUBREL));

    ByteBuf passed = tapOnly.readInbound();
    try {
      assertEquals(Unpooled.wrappedBuffer(PUBREL), passed);
    } finally {
      ReferenceCountUtil.release(passed);
      tapOnly.finishAndReleaseAll();
    }
  }

  private List<Integer> firstBytesOfDecoded(int count) {
    List<Integer> firstBytes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      MqttMessage message = channel.readInbound();
      assertTrue(message.decoderResult().isSuccess(), () -> "decoded " + message);
      ReferenceCountUtil.release(message);
      firstBytes.add(tap.takeFirstByte());
    }
    Object extra = channel.readInbound();
    assertNull(extra, "more messages decoded than expected");
    return firstBytes;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      joined.writeBytes(part);
    }
    return joined.toByteArray();
  }
}
