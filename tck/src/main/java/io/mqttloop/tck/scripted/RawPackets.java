package io.mqttloop.tck.scripted;

import java.io.ByteArrayOutputStream;

/**
 * Packets as bytes, for {@link ScriptedBroker#sendRaw}: the ones netty's encoder will not make,
 * such as reserved flags set, QoS 3, or a topic that is not well-formed UTF-8. Each method
 * returns a fresh array, with the remaining length computed from what follows it.
 */
public final class RawPackets {
  /** The largest remaining length four bytes can express (MQTT 3.1.1, 2.2.3). */
  public static final int MAX_REMAINING_LENGTH = 268_435_455;

  private static final int SUBACK_FIRST_BYTE = 0x90;

  private RawPackets() {
  }

  /**
   * A packet made of a first byte, as given, and a body, preceded by the body's length encoded as
   * MQTT's remaining length. For example {@code packet(0x41, new byte[] {0, 7})} is a PUBACK
   * for id 7 with a reserved flag set (MQTT-2.2.2-2).
   *
   * @param firstByte the packet type in the high four bits and the flags in the low four
   * @throws IllegalArgumentException when {@code firstByte} is not 0 to 255
   */
  public static byte[] packet(int firstByte, byte... body) {
    checkByte("firstByte", firstByte);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length + 5);
    bytes.write(firstByte);
    bytes.writeBytes(remainingLength(body.length));
    bytes.writeBytes(body);
    return bytes.toByteArray();
  }

  /**
   * A PUBLISH with any first byte and the topic as raw bytes: QoS 3 ({@code 0x36},
   * MQTT-3.3.1-4), or a topic holding a surrogate ({@code ED A0 80}, MQTT-1.5.3-1) or U+0000
   * (MQTT-1.5.3-2).
   *
   * @param firstByte 0x30 to 0x3F for a PUBLISH, though any byte is written as given
   * @param topic the topic name's bytes, written after their two-byte length
   * @param packetId the packet identifier, 0 to 65535, or -1 to write none (as at QoS 0)
   * @throws IllegalArgumentException when {@code firstByte} is not 0 to 255, {@code packetId}
   *     is not -1 to 65535, or {@code topic} is longer than 65535 bytes
   */
  public static byte[] publish(int firstByte, byte[] topic, int packetId, byte[] payload) {
    if (topic.length > 0xFFFF) {
      throw new IllegalArgumentException(
          "topic must be at most 65535 bytes, was " + topic.length);
    }
    if (packetId < -1 || packetId > 0xFFFF) {
      throw new IllegalArgumentException("packetId must be -1 to 65535, was " + packetId);
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream(topic.length + payload.length + 4);
    writeShort(body, topic.length);
    body.writeBytes(topic);
    if (packetId >= 0) {
      writeShort(body, packetId);
    }
    body.writeBytes(payload);
    return packet(firstByte, body.toByteArray());
  }

  /**
   * A SUBACK with any return codes, including those MQTT 3.1.1 does not define (0x03, say),
   * which netty's encoder refuses to write.
   *
   * @param returnCodes one per topic filter, each 0 to 255
   * @throws IllegalArgumentException when {@code packetId} is not 0 to 65535 or a code is not 0
   *     to 255
   */
  public static byte[] suback(int packetId, int... returnCodes) {
    if (packetId < 0 || packetId > 0xFFFF) {
      throw new IllegalArgumentException("packetId must be 0 to 65535, was " + packetId);
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream(returnCodes.length + 2);
    writeShort(body, packetId);
    for (int code : returnCodes) {
      checkByte("return code", code);
      body.write(code);
    }
    return packet(SUBACK_FIRST_BYTE, body.toByteArray());
  }

  /**
   * MQTT's encoding of a remaining length: seven bits a byte, least significant first, the high
   * bit set on every byte but the last; one to four bytes.
   *
   * @throws IllegalArgumentException when {@code length} is negative or above
   *     {@link #MAX_REMAINING_LENGTH}
   */
  public static byte[] remainingLength(int length) {
    if (length < 0 || length > MAX_REMAINING_LENGTH) {
      throw new IllegalArgumentException(
          "length must be 0 to " + MAX_REMAINING_LENGTH + ", was " + length);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(4);
    int left = length;
    do {
      int digit = left % 128;
      left /= 128;
      bytes.write(left > 0 ? digit | 0x80 : digit);
    } while (left > 0);
    return bytes.toByteArray();
  }

  private static void writeShort(ByteArrayOutputStream bytes, int value) {
    bytes.write(value >> 8);
    bytes.write(value & 0xFF);
  }

  private static void checkByte(String name, int value) {
    if (value < 0 || value > 0xFF) {
      throw new IllegalArgumentException(name + " must be 0 to 255, was " + value);
    }
  }
}
