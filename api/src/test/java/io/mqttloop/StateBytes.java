package io.mqttloop;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * Bytes in the state format, written field by field from the specification rather than by the
 * codec, so that a test can say exactly what a reader is handed: a value no writer produces, with
 * a CRC32 that matches or not.
 */
final class StateBytes {
  static final int MAGIC = 0x4D514C53;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  /** The magic number and version 1. */
  static StateBytes header() {
    return header(1);
  }

  /** The magic number and {@code version}. */
  static StateBytes header(int version) {
    return new StateBytes().u32(MAGIC).u16(version);
  }

  /** A whole state with no client id and only {@code request} in flight, CRC included. */
  static byte[] inFlight(int packetId, int released, Consumer<StateBytes> request) {
    StateBytes state = header().string("").u32(1).u16(packetId).u8(released);
    request.accept(state);
    return state.u32(0).u32(0).u32(0).withCrc();
  }

  /** A whole state with no client id and only {@code request} unsent, CRC included. */
  static byte[] unsent(Consumer<StateBytes> request) {
    StateBytes state = header().string("").u32(0).u32(1);
    request.accept(state);
    return state.u32(0).u32(0).withCrc();
  }

  /** A publish request: type 1, topic, QoS, retain and a payload of {@code payload}. */
  static Consumer<StateBytes> publish(String topic, int qos, int retain, byte... payload) {
    return publish(utf8(topic), qos, retain, payload);
  }

  /** A publish request whose topic is the raw bytes {@code topic}, well-formed or not. */
  static Consumer<StateBytes> publish(byte[] topic, int qos, int retain, byte... payload) {
    return state -> state.u8(1).u16(topic.length).raw(topic).u8(qos).u8(retain)
        .u32(payload.length).raw(payload);
  }

  static StateBytes ofHex(String hex) {
    return new StateBytes().raw(HexFormat.of().parseHex(hex));
  }

  StateBytes u8(int value) {
    bytes.write(value);
    return this;
  }

  StateBytes u16(int value) {
    return u8(value >>> 8).u8(value);
  }

  StateBytes u32(long value) {
    return u16((int) (value >>> 16)).u16((int) value);
  }

  StateBytes string(String value) {
    byte[] utf8 = utf8(value);
    return u16(utf8.length).raw(utf8);
  }

  StateBytes raw(byte... raw) {
    bytes.writeBytes(raw);
    return this;
  }

  byte[] withoutCrc() {
    return bytes.toByteArray();
  }

  byte[] withCrc() {
    CRC32 crc = new CRC32();
    crc.update(bytes.toByteArray());
    return u32(crc.getValue()).withoutCrc();
  }

  private static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
