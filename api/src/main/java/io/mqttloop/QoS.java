package io.mqttloop;

/** The three delivery guarantees of MQTT, and what completes a publish's stage under each. */
public enum QoS {
  /** At most once: the stage completes once the PUBLISH is written to the socket. */
  AT_MOST_ONCE,
  /** At least once: the stage completes when the broker's PUBACK arrives. */
  AT_LEAST_ONCE,
  /** Exactly once: the stage completes when the broker's PUBCOMP ends the handshake. */
  EXACTLY_ONCE;

  private static final QoS[] BY_VALUE = values();

  /** The level as MQTT encodes it: 0, 1 or 2. */
  public int value() {
    return ordinal();
  }

  /**
   * The level for an MQTT value.
   *
   * @throws IllegalArgumentException when {@code value} is not 0, 1 or 2
   */
  public static QoS of(int value) {
    if (value < 0 || value >= BY_VALUE.length) {
      throw new IllegalArgumentException("qos must be 0, 1 or 2, was " + value);
    }
    return BY_VALUE[value];
  }
}
