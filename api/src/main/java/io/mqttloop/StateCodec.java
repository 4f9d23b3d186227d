package io.mqttloop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The binary form of an {@link MqttState}, format version 1. It is stable: a change to it gets a
 * new version number, and this specification is enough to read and write it in any language.
 *
 * <h2>Types</h2>
 *
 * <pre>
 * type     bytes     encoding
 * u8       1         unsigned integer
 * u16      2         unsigned integer, big-endian (most significant byte first)
 * u32      4         unsigned integer, big-endian
 * bool     1         u8: 0 is false, 1 is true, any other value is invalid
 * string   2 + n     u16 n, then n bytes of well-formed standard UTF-8 with no BOM added (not
 *                    Java's modified UTF-8: U+0000 is the byte 0x00, and a supplementary
 *                    character takes 4 bytes, not two 3-byte surrogates)
 * bytes    4 + n     u32 n, then n bytes
 * </pre>
 *
 * <h2>State</h2>
 *
 * <pre>
 * field              type                 meaning
 * magic              4 bytes              ASCII "MQLS": 0x4D 0x51 0x4C 0x53
 * version            u16                  format version: 1
 * clientId           string               the client id; empty when none
 * inFlightCount      u32                  0..65,535
 * inFlight           inFlightCount        the requests sent and not yet acknowledged, in the
 *                      x in-flight entry    order they were first sent
 * unsentCount        u32                  0..2,147,483,647
 * unsent             unsentCount          the requests taken and never sent, in the order they
 *                      x request            were taken
 * subscriptionCount  u32                  0..2,147,483,647
 * subscriptions      subscriptionCount    the subscriptions the broker granted, in order
 *                      x subscription
 * awaitingCount      u32                  0..65,535
 * awaitingRelease    awaitingCount x u16  packet ids (1..65,535) of incoming QoS 2 messages
 *                                         awaiting PUBREL
 * crc                u32                  CRC-32 of every byte before it, from the magic on:
 *                                         the zlib, PNG and java.util.zip.CRC32 one (polynomial
 *                                         0x04C11DB7 reflected, initial and final XOR 0xFFFFFFFF)
 * </pre>
 *
 * <h2>In-flight entry</h2>
 *
 * <pre>
 * field      type     meaning
 * packetId   u16      1..65,535, distinct among the entries; kept when the request is resent
 * released   bool     true only for a QoS 2 publish whose PUBREC arrived and PUBREL went out
 * request    request  not a QoS 0 publish
 * </pre>
 *
 * <h2>Request</h2>
 *
 * <p>A u8 type, then the fields of that type. Types other than 1, 2 and 3 are corrupt.
 *
 * <pre>
 * type  request      field    type                 meaning
 * 1     publish      topic    string               a topic name: not empty, no '+' or '#'
 *                    qos      u8                   0, 1 or 2
 *                    retain   bool                 whether the broker retains the message
 *                    payload  bytes                length 0..268,435,455, and the PUBLISH it
 *                                                  makes fits MQTT's remaining length:
 *                                                  2 + topic + (2 if qos is not 0) + payload
 *                                                  is at most 268,435,455
 * 2     subscribe    count    u32                  1..2,147,483,647
 *                    entries  count x subscription in the order they are sent
 * 3     unsubscribe  count    u32                  1..2,147,483,647
 *                    filters  count x string       topic filters, in the order they are sent
 * </pre>
 *
 * <h2>Subscription</h2>
 *
 * <pre>
 * field   type    meaning
 * filter  string  a topic filter: not empty, '#' only as the whole last level, '+' only as a
 *                 whole level
 * qos     u8      0, 1 or 2
 * </pre>
 *
 * <p>Topics and filters also keep MQTT's rules for UTF-8 strings, as the API checks them: no
 * U+0000, no control character, no noncharacter. Nothing follows the CRC: a reader consumes
 * exactly the bytes above, so that a state can be one part of a larger stream.
 */
final class StateCodec {
  /** "MQLS" in ASCII. */
  static final int MAGIC = 0x4D514C53;
  static final int VERSION = 1;

  static final int PUBLISH = 1;
  static final int SUBSCRIBE = 2;
  static final int UNSUBSCRIBE = 3;

  /** The most packet ids a session can use at once, so the most entries in flight. */
  static final int MAX_PACKET_IDS = MqttState.InFlight.MAX_PACKET_ID;
  /** The most elements of a list that is not bounded by packet ids: what a Java list holds. */
  static final int MAX_LIST = Integer.MAX_VALUE;
  static final int MAX_STRING_BYTES = Utf8Field.MAX_BYTES;
  static final int MAX_PAYLOAD_BYTES = Publish.MAX_REMAINING_LENGTH;

  private StateCodec() {}

  /** Writes {@code state} to {@code out}, flushes it, and leaves it open. */
  static void write(MqttState state, OutputStream out) throws IOException {
    StateWriter.write(state, out);
  }

  /** Reads exactly one state from {@code in}, and leaves it open. */
  static MqttState read(InputStream in) throws IOException {
    return StateReader.read(in);
  }
}
