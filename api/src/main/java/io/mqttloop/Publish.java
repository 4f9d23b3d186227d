package io.mqttloop;

import io.mqttloop.spi.LoopStage;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * A message to publish: a topic, a payload, a {@link QoS} and the retain flag, checked when it is
 * built. Its stage completes with the publish itself:
 *
 * <ul>
 *   <li>at QoS 0, once the PUBLISH has been written to the socket;
 *   <li>at QoS 1, when the broker's PUBACK arrives;
 *   <li>at QoS 2, when the broker's PUBCOMP arrives, after PUBREC and PUBREL.
 * </ul>
 *
 * <p>The payload array is not copied: do not change it while the publish may still be sent,
 * that is until its stage has completed, and, when the stage failed with an
 * {@link MqttAckTimeoutException} that did not withdraw it, until the session no longer holds it
 * (it is resent after a reconnect). {@link #toString()} never shows the payload.
 */
public final class Publish implements Request {
  private final String topic;
  private final byte[] payload;
  private final QoS qos;
  private final boolean retain;
  private final @Nullable Duration ackTimeout;
  private final LoopStage<Publish> completion = new LoopStage<>();

  /** The largest remaining length MQTT 3.1.1 can encode (section 2.2.3). */
  static final int MAX_REMAINING_LENGTH = 268_435_455;

  private Publish(String topic, byte[] payload, QoS qos, boolean retain,
      @Nullable Duration ackTimeout) {
    int topicBytes = TopicName.check("topic", Objects.requireNonNull(topic, "topic"));
    this.topic = topic;
    this.payload = Objects.requireNonNull(payload, "payload");
    this.qos = Objects.requireNonNull(qos, "qos");
    this.retain = retain;
    this.ackTimeout = ackTimeout;
    checkPacketSize(topicBytes);
  }

  private void checkPacketSize(int topicBytes) {
    long remaining = 2L + topicBytes + (qos == QoS.AT_MOST_ONCE ? 0 : 2) + payload.length;
    if (remaining > MAX_REMAINING_LENGTH) {
      throw new IllegalArgumentException("payload of " + payload.length + " bytes makes the"
          + " PUBLISH " + remaining + " bytes long, over MQTT's maximum of "
          + MAX_REMAINING_LENGTH);
    }
  }

  /**
   * A publish that the broker does not retain.
   *
   * @throws IllegalArgumentException naming the field when the topic is empty, holds a wildcard
   *     or is not a valid MQTT UTF-8 string, or when the packet would exceed MQTT's maximum size
   */
  public static Publish of(String topic, byte[] payload, QoS qos) {
    return new Publish(topic, payload, qos, false, null);
  }

  /**
   * A publish that the broker does not retain, with the QoS as MQTT numbers it.
   *
   * @throws IllegalArgumentException naming the field when the topic is invalid, the QoS is not
   *     0, 1 or 2, or the packet would exceed MQTT's maximum size
   */
  public static Publish of(String topic, byte[] payload, int qos) {
    return new Publish(topic, payload, QoS.of(qos), false, null);
  }

  /** A builder for a publish to {@code topic}, with an empty payload, QoS 0 and no retain. */
  public static Builder builder(String topic) {
    return new Builder(topic);
  }

  /** The topic the message is published to. */
  public String topic() {
    return topic;
  }

  /** A read-only view of the payload. */
  public ByteBuffer payload() {
    return ByteBuffer.wrap(payload).asReadOnlyBuffer();
  }

  /** The payload's length in bytes. */
  public int payloadSize() {
    return payload.length;
  }

  /** The delivery guarantee, which decides when {@link #completion()} completes. */
  public QoS qos() {
    return qos;
  }

  /** Whether the broker keeps this message for future subscribers of the topic. */
  public boolean retain() {
    return retain;
  }

  /**
   * How long the broker has to acknowledge this publish once a loop took it, in place of the
   * options' {@link MqttOptions#ackTimeout()}; null to follow the options. It belongs to this
   * object's stage: a publish read back from a saved {@link MqttState} follows its new loop's
   * options.
   */
  public @Nullable Duration ackTimeout() {
    return ackTimeout;
  }

  /**
   * Completes with this publish when the broker has it, as the class documents; fails when the
   * loop cannot deliver it, with the cause, or with {@link MqttAckTimeoutException} when an
   * acknowledgement timeout passes. While the publish is pending in a run's state, the stage stays
   * incomplete. Callbacks run on the loop's thread unless the options name a completion executor.
   */
  @Override
  public CompletionStage<Publish> completion() {
    return completion;
  }

  @Override
  public String toString() {
    return "Publish[topic=" + Utf8Field.shown(topic) + ", qos=" + qos.value() + ", retain="
        + retain + ", payload=" + payload.length + " bytes]";
  }

  /** Builds a {@link Publish}; the topic and QoS are checked by {@link #build()}. */
  public static final class Builder {
    private final String topic;
    private byte[] payload = new byte[0];
    private QoS qos = QoS.AT_MOST_ONCE;
    private boolean retain;
    private @Nullable Duration ackTimeout;

    private Builder(String topic) {
      this.topic = topic;
    }

    /** The payload; the array is not copied. */
    public Builder payload(byte[] payload) {
      this.payload = Objects.requireNonNull(payload, "payload");
      return this;
    }

    /** The delivery guarantee. */
    public Builder qos(QoS qos) {
      this.qos = Objects.requireNonNull(qos, "qos");
      return this;
    }

    /**
     * The delivery guarantee as MQTT numbers it.
     *
     * @throws IllegalArgumentException when {@code qos} is not 0, 1 or 2
     */
    public Builder qos(int qos) {
      this.qos = QoS.of(qos);
      return this;
    }

    /** Whether the broker retains the message. */
    public Builder retain(boolean retain) {
      this.retain = retain;
      return this;
    }

    /**
     * How long the broker has to acknowledge the publish, counted from when a loop takes it; null
     * to follow the options' {@link MqttOptions#ackTimeout()}.
     *
     * @throws IllegalArgumentException when shorter than a millisecond, or longer than a day
     */
    public Builder ackTimeout(@Nullable Duration ackTimeout) {
      this.ackTimeout = ackTimeout == null ? null : MqttOptions.checkedAckTimeout(ackTimeout);
      return this;
    }

    /**
     * The publish.
     *
     * @throws IllegalArgumentException naming the field when the topic is empty, holds a wildcard
     *     or is not a valid MQTT UTF-8 string, or when the packet would exceed MQTT's maximum size
     */
    public Publish build() {
      return new Publish(topic, payload, qos, retain, ackTimeout);
    }
  }
}
