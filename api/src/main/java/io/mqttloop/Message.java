package io.mqttloop;

import io.mqttloop.spi.Acknowledger;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A message the broker delivered on one of the client's subscriptions: its topic, payload, QoS,
 * retain flag and duplicate flag, as the broker sent them. {@link #toString()} never shows the
 * payload.
 *
 * <p>A QoS 1 or 2 message is acknowledged to the broker only once the application has it: by
 * default right after it was handed over, or, with manual acknowledgement in the options, when
 * the application calls {@link #acknowledge()}.
 */
public final class Message {
  private final String topic;
  private final byte[] payload;
  private final QoS qos;
  private final boolean retain;
  private final boolean duplicate;
  private final Acknowledger acknowledger;
  private final AtomicBoolean acknowledged = new AtomicBoolean();

  /**
   * A message as a transport received it; the payload array is not copied. For transports, not
   * applications.
   */
  public Message(String topic, byte[] payload, QoS qos, boolean retain, boolean duplicate,
      Acknowledger acknowledger) {
    this.topic = Objects.requireNonNull(topic, "topic");
    this.payload = Objects.requireNonNull(payload, "payload");
    this.qos = Objects.requireNonNull(qos, "qos");
    this.retain = retain;
    this.duplicate = duplicate;
    this.acknowledger = Objects.requireNonNull(acknowledger, "acknowledger");
  }

  /** The topic the message was published to. */
  public String topic() {
    return topic;
  }

  /** A read-only view of the payload. */
  public ByteBuffer payload() {
    return ByteBuffer.wrap(payload).asReadOnlyBuffer();
  }

  /** A copy of the payload. */
  public byte[] payloadBytes() {
    return payload.clone();
  }

  /** The QoS the broker delivered it with: the lower of the publish's and the subscription's. */
  public QoS qos() {
    return qos;
  }

  /** Whether the broker sent it from its retained messages, as a subscription started. */
  public boolean retain() {
    return retain;
  }

  /** Whether the broker marked it as possibly sent before (the DUP flag). */
  public boolean duplicate() {
    return duplicate;
  }

  /**
   * With manual acknowledgement, lets the loop acknowledge this QoS 1 or 2 message to the broker:
   * PUBACK or PUBREC goes out once every message of the same QoS that arrived before it is
   * acknowledged too, since acknowledgements keep the order of arrival (MQTT-4.6.0-2, -3): one
   * message left unacknowledged holds back the acknowledgements of all that came after it, and
   * the broker, its window full, stops sending. Safe from any thread, in any order; calls after
   * the first, and calls on a QoS 0 message or with automatic acknowledgement, do nothing. After
   * the connection that brought the message is lost, nothing is sent: the broker sends the
   * message again.
   */
  public void acknowledge() {
    if (acknowledged.compareAndSet(false, true)) {
      acknowledger.acknowledged(this);
    }
  }

  @Override
  public String toString() {
    return "Message[topic=" + Utf8Field.shown(topic) + ", qos=" + qos.value() + ", retain="
        + retain + ", duplicate=" + duplicate + ", payload=" + payload.length + " bytes]";
  }
}
