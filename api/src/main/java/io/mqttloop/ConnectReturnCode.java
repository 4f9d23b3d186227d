package io.mqttloop;

/** The reasons a broker gives in CONNACK for refusing a connection (MQTT 3.1.1, 3.2.2.3). */
public enum ConnectReturnCode {
  /** 1: the broker does not speak MQTT 3.1.1. */
  UNACCEPTABLE_PROTOCOL_VERSION(1, "unacceptable protocol version"),
  /** 2: the client id is well-formed but the broker does not allow it. */
  IDENTIFIER_REJECTED(2, "identifier rejected"),
  /** 3: the network connection is up but the MQTT service is unavailable. */
  SERVER_UNAVAILABLE(3, "server unavailable"),
  /** 4: the user name or password is malformed or wrong. */
  BAD_USERNAME_OR_PASSWORD(4, "bad user name or password"),
  /** 5: the client is not authorised to connect. */
  NOT_AUTHORIZED(5, "not authorized");

  private final int code;
  private final String reason;

  ConnectReturnCode(int code, String reason) {
    this.code = code;
    this.reason = reason;
  }

  /** The code as it travels in CONNACK. */
  public int code() {
    return code;
  }

  /** The reason in words. */
  public String reason() {
    return reason;
  }

  /**
   * The refusal for a CONNACK code.
   *
   * @throws IllegalArgumentException when {@code code} is not 1 to 5: 0 accepts the connection,
   *     and 6 to 255 are reserved
   */
  public static ConnectReturnCode of(int code) {
    for (ConnectReturnCode value : values()) {
      if (value.code == code) {
        return value;
      }
    }
    throw new IllegalArgumentException("code must be a refusal, 1 to 5, was " + code);
  }
}
