package io.mqttloop;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/** Writes the binary form {@link StateCodec} specifies. */
final class StateWriter {
  private static final int PAYLOAD_CHUNK = 8 * 1024;

  private final CRC32 crc = new CRC32();
  private final DataOutputStream data;
  private final byte[] chunk = new byte[PAYLOAD_CHUNK];

  private StateWriter(OutputStream out) {
    // The buffer spares an unbuffered stream a system call per field; it is flushed, not closed.
    this.data = new DataOutputStream(
        new CheckedOutputStream(new BufferedOutputStream(out), crc));
  }

  static void write(MqttState state, OutputStream out) throws IOException {
    Objects.requireNonNull(out, "out");

    // What could be refused is checked first, so that a refusal leaves nothing half written.
    byte[] clientId = utf8("clientId", state.clientId());
    checkCount("awaitingRelease", state.awaitingRelease().size(), StateCodec.MAX_PACKET_IDS);

    new StateWriter(out).writeState(clientId, state);
  }

  private void writeState(byte[] clientId, MqttState state) throws IOException {
    data.writeInt(StateCodec.MAGIC);
    data.writeShort(StateCodec.VERSION);
    writeString(clientId);

    data.writeInt(state.inFlight().size());
    for (MqttState.InFlight entry : state.inFlight()) {
      writeInFlight(entry);
    }

    writeRequests(state.unsent());
    writeSubscriptions(state.subscriptions());

    data.writeInt(state.awaitingRelease().size());
    for (int packetId : state.awaitingRelease()) {
      data.writeShort(packetId);
    }

    data.writeInt((int) crc.getValue());
    data.flush();
  }

  private void writeInFlight(MqttState.InFlight entry) throws IOException {
    data.writeShort(entry.packetId());
    data.writeBoolean(entry.released());
    writeRequest(entry.request());
  }

  private void writeRequests(List<Request> requests) throws IOException {
    data.writeInt(requests.size());
    for (Request request : requests) {
      writeRequest(request);
    }
  }

  private void writeRequest(Request request) throws IOException {
    if (request instanceof Publish publish) {
      writePublish(publish);
    } else if (request instanceof Subscribe subscribe) {
      data.writeByte(StateCodec.SUBSCRIBE);
      writeSubscriptions(subscribe.subscriptions());
    } else if (request instanceof Unsubscribe unsubscribe) {
      writeUnsubscribe(unsubscribe);
    } else {
      throw new IllegalStateException("unknown request type " + request.getClass());
    }
  }

  private void writePublish(Publish publish) throws IOException {
    data.writeByte(StateCodec.PUBLISH);
    writeString(utf8("topic", publish.topic()));
    data.writeByte(publish.qos().value());
    data.writeBoolean(publish.retain());
    data.writeInt(publish.payloadSize());
    writePayload(publish.payload());
  }

  /** Copies through a small chunk: the payload is read-only, and may be large. */
  private void writePayload(ByteBuffer payload) throws IOException {
    while (payload.hasRemaining()) {
      int length = Math.min(payload.remaining(), chunk.length);
      payload.get(chunk, 0, length);
      data.write(chunk, 0, length);
    }
  }

  private void writeUnsubscribe(Unsubscribe unsubscribe) throws IOException {
    data.writeByte(StateCodec.UNSUBSCRIBE);
    data.writeInt(unsubscribe.filters().size());
    for (String filter : unsubscribe.filters()) {
      writeString(utf8("filter", filter));
    }
  }

  private void writeSubscriptions(List<Subscription> subscriptions) throws IOException {
    data.writeInt(subscriptions.size());
    for (Subscription subscription : subscriptions) {
      writeString(utf8("filter", subscription.filter()));
      data.writeByte(subscription.qos().value());
    }
  }

  private void writeString(byte[] utf8) throws IOException {
    data.writeShort(utf8.length);
    data.write(utf8);
  }

  /**
   * The standard UTF-8 of {@code value}.
   *
   * @throws IllegalArgumentException naming the field when it holds a lone surrogate, which UTF-8
   *     cannot carry, or encodes to more than a string's 65,535 bytes
   */
  private static byte[] utf8(String field, String value) {
    ByteBuffer encoded;
    try {
      // A fresh encoder reports what it cannot encode, where String.getBytes would put a '?'.
      encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(value));
    } catch (CharacterCodingException e) {
      throw Utf8Field.refused(field, value, "must not contain a lone surrogate");
    }
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    checkCount(field + "'s UTF-8 length", bytes.length, StateCodec.MAX_STRING_BYTES);
    return bytes;
  }

  private static void checkCount(String field, int count, int max) {
    if (count > max) {
      throw new IllegalArgumentException(field + " must be at most " + max + " to be written,"
          + " was " + count);
    }
  }
}
