package io.mqttloop.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * MQTT 3.1.1 packets encoded by hand into byte arrays, once, for the clients of the comparison
 * that write to a plain socket: the ceiling and the counting subscriber.
 */
final class RawPackets {
  /** First bytes, flags aside, of what the raw clients read when they connect and subscribe. */
  static final int CONNACK = 0x20;
  static final int SUBACK = 0x90;
  static final int PUBLISH = 0x30;

  /** CONNECT's variable header up to the keep-alive: "MQTT", level 4, clean session. */
  private static final byte[] CONNECT_HEADER = {0, 4, 'M', 'Q', 'T', 'T', 4, 0x02};

  /** First bytes of the broker's answers to the client's QoS 1 and 2 publishes. */
  static final int PUBACK = 0x40;
  static final int PUBREC = 0x50;
  static final int PUBCOMP = 0x70;

  private RawPackets() {}

  /** CONNECT (first byte 0x10) with a clean session, no will and no credentials. */
  static byte[] connect(String clientId, int keepAliveSeconds) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(CONNECT_HEADER);
    writeShort(body, keepAliveSeconds);
    writeString(body, clientId);
    return packet(0x10, body);
  }

  /** A PUBLISH whose packet id, when it has one, is set with {@link #setPacketId}. */
  static byte[] publish(String topic, byte[] payload, int qos) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeString(body, topic);
    if (qos > 0) {
      writeShort(body, 0);
    }
    body.writeBytes(payload);
    return packet(PUBLISH | qos << 1, body);
  }

  /** Sets the packet id of a PUBLISH made by {@link #publish} for {@code payloadLength} bytes. */
  static void setPacketId(byte[] publish, int offset, int payloadLength, int packetId) {
    int at = offset + packetLength(publish, offset) - payloadLength - 2;
    publish[at] = (byte) (packetId >>> 8);
    publish[at + 1] = (byte) packetId;
  }

  /** The length of the packet that starts at {@code offset}, fixed header included. */
  static int packetLength(byte[] packet, int offset) {
    int remaining = 0;
    int at = offset + 1;
    int shift = 0;
    int digit;
    do {
      digit = packet[at++];
      remaining |= (digit & 0x7F) << shift;
      shift += 7;
    } while ((digit & 0x80) != 0);
    return at - offset + remaining;
  }

  /** SUBSCRIBE (first byte 0x82) to one filter. */
  static byte[] subscribe(int packetId, String filter, int qos) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeShort(body, packetId);
    writeString(body, filter);
    body.write(qos);
    return packet(0x82, body);
  }

  /** Writes a PUBREL (first byte 0x62) for {@code packetId} at {@code offset}; 4 bytes. */
  static void writePubrel(byte[] into, int offset, int packetId) {
    into[offset] = (byte) 0x62;
    into[offset + 1] = 2;
    into[offset + 2] = (byte) (packetId >>> 8);
    into[offset + 3] = (byte) packetId;
  }

  /** DISCONNECT: a first byte of 0xE0 and nothing after it. */
  static byte[] disconnect() {
    return new byte[] {(byte) 0xE0, 0};
  }

  private static byte[] packet(int firstByte, ByteArrayOutputStream body) {
    ByteArrayOutputStream packet = new ByteArrayOutputStream(body.size() + 5);
    packet.write(firstByte);
    int remaining = body.size();
    do {
      int digit = remaining & 0x7F;
      remaining >>>= 7;
      packet.write(remaining > 0 ? digit | 0x80 : digit);
    } while (remaining > 0);
    packet.writeBytes(body.toByteArray());
    return packet.toByteArray();
  }

  private static void writeString(ByteArrayOutputStream out, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    writeShort(out, bytes.length);
    out.writeBytes(bytes);
  }

  private static void writeShort(ByteArrayOutputStream out, int value) {
    out.write(value >>> 8);
    out.write(value);
  }
}
