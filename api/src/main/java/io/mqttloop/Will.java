package io.mqttloop;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The message the broker publishes for the client when the connection ends without DISCONNECT:
 * lost, timed out, or shut down. Sent in CONNECT; checked when made.
 */
public final class Will {
  private final String topic;
  private final byte[] payload;
  private final QoS qos;
  private final boolean retain;

  private Will(String topic, byte[] payload, QoS qos, boolean retain) {
    TopicName.check("will topic", Objects.requireNonNull(topic, "topic"));
    Objects.requireNonNull(payload, "payload");
    if (payload.length > Utf8Field.MAX_BYTES) {
      throw new IllegalArgumentException("will payload must be at most 65535 bytes, was "
          + payload.length);
    }
    this.topic = topic;
    this.payload = payload.clone();
    this.qos = Objects.requireNonNull(qos, "qos");
    this.retain = retain;
  }

  /**
   * A will; the payload is copied.
   *
   * @throws IllegalArgumentException naming the field when the topic is invalid or the payload
   *     is longer than 65,535 bytes
   */
  public static Will of(String topic, byte[] payload, QoS qos, boolean retain) {
    return new Will(topic, payload, qos, retain);
  }

  /** The topic the broker publishes the will to. */
  public String topic() {
    return topic;
  }

  /** A read-only view of the payload. */
  public ByteBuffer payload() {
    return ByteBuffer.wrap(payload).asReadOnlyBuffer();
  }

  /** The QoS the broker publishes the will with. */
  public QoS qos() {
    return qos;
  }

  /** Whether the broker retains the will when it publishes it. */
  public boolean retain() {
    return retain;
  }

  @Override
  public String toString() {
    return "Will[topic=" + Utf8Field.shown(topic) + ", qos=" + qos.value() + ", retain=" + retain
        + ", payload=" + payload.length + " bytes]";
  }
}
