package io.mqttloop.tck.scripted;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RawPacketsTest {

  @Test
  void encodesRemainingLengthsAtEachByteBoundary() {
    assertArrayEquals(bytes(0x00), RawPackets.remainingLength(0));
    assertArrayEquals(bytes(0x7F), RawPackets.remainingLength(127));
    assertArrayEquals(bytes(0x80, 0x01), RawPackets.remainingLength(128));
    assertArrayEquals(bytes(0xFF, 0x7F), RawPackets.remainingLength(16_383));
    assertArrayEquals(bytes(0x80, 0x80, 0x01), RawPackets.remainingLength(16_384));
    assertArrayEquals(bytes(0xFF, 0xFF, 0xFF, 0x7F),
        RawPackets.remainingLength(RawPackets.MAX_REMAINING_LENGTH));
    assertThrows(IllegalArgumentException.class,
        () -> RawPackets.remainingLength(RawPackets.MAX_REMAINING_LENGTH + 1));
    assertThrows(IllegalArgumentException.class, () -> RawPackets.remainingLength(-1));
  }

  @Test
  void prefixesABodyWithItsFirstByteAndLength() {
    assertArrayEquals(bytes(0x41, 0x02, 0x00, 0x07), RawPackets.packet(0x41, bytes(0x00, 0x07)));
    assertArrayEquals(bytes(0xD1, 0x00), RawPackets.packet(0xD1));
    assertThrows(IllegalArgumentException.class, () -> RawPackets.packet(0x100));
  }

  @Test
  void laysOutAPublishWithAndWithoutAPacketIdentifier() {
    byte[] topic = bytes('a', 0x00, 'b');

    assertArrayEquals(bytes(0x36, 0x09, 0x00, 0x03, 'a', 0x00, 'b', 0x01, 0x02, 0x2A, 0x2B),
        RawPackets.publish(0x36, topic, 0x0102, bytes(0x2A, 0x2B)));
    assertArrayEquals(bytes(0x30, 0x05, 0x00, 0x03, 'a', 0x00, 'b'),
        RawPackets.publish(0x30, topic, -1, new byte[0]));
    assertThrows(IllegalArgumentException.class,
        () -> RawPackets.publish(0x30, topic, 0x10000, new byte[0]));
    assertThrows(IllegalArgumentException.class,
        () -> RawPackets.publish(0x30, new byte[0x10000], 1, new byte[0]));
  }

  @Test
  void laysOutASubackWithAnyCodes() {
    assertArrayEquals(bytes(0x90, 0x05, 0x01, 0x02, 0x00, 0x80, 0x03),
        RawPackets.suback(0x0102, 0, 0x80, 3));
    assertThrows(IllegalArgumentException.class, () -> RawPackets.suback(1, 0x100));
    assertThrows(IllegalArgumentException.class, () -> RawPackets.suback(0x10000, 0));
  }

  private static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }
}
