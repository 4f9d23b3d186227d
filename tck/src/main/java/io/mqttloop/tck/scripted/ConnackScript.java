package io.mqttloop.tck.scripted;

import io.mqttloop.ConnectReturnCode;

/**
 * How the scripted broker answers a client's CONNECT: accept it, refuse it with a return code, or
 * withhold the CONNACK altogether. Immutable.
 */
public sealed interface ConnackScript
    permits ConnackScript.Accept, ConnackScript.Refuse, ConnackScript.Withhold {

  /** Accepts the connection (return code 0) and reports that no session was present. */
  static ConnackScript accept() {
    return new Accept(false);
  }

  /** Accepts the connection (return code 0) and reports that a session was present. */
  static ConnackScript acceptWithSessionPresent() {
    return new Accept(true);
  }

  /**
   * Refuses the connection with a return code from 1 to 5, then closes it, as MQTT 3.1.1 asks of
   * a broker (MQTT-3.2.2-5).
   *
   * @throws IllegalArgumentException when {@code returnCode} is not 1 to 5
   */
  static ConnackScript refuse(int returnCode) {
    return new Refuse(returnCode);
  }

  /** Refuses the connection with the given reason, then closes it. */
  static ConnackScript refuse(ConnectReturnCode reason) {
    return new Refuse(reason.code());
  }

  /**
   * Sends no CONNACK at all: the CONNECT is recorded and the connection stays open, so that a
   * test can watch the client's connect timeout.
   */
  static ConnackScript withhold() {
    return new Withhold();
  }

  /**
   * Accept the connection.
   *
   * @param sessionPresent the Session Present flag sent in the CONNACK
   */
  record Accept(boolean sessionPresent) implements ConnackScript {
  }

  /**
   * Refuse the connection, then close it.
   *
   * @param returnCode the CONNACK return code, 1 to 5
   */
  record Refuse(int returnCode) implements ConnackScript {

    /**
     * Checks the return code.
     *
     * @throws IllegalArgumentException when {@code returnCode} is not 1 to 5
     */
    public Refuse {
      if (returnCode < 1 || returnCode > 5) {
        throw new IllegalArgumentException(
            "returnCode must refuse, 1 to 5, was " + returnCode);
      }
    }
  }

  /** Send no CONNACK and leave the connection open. */
  record Withhold() implements ConnackScript {
  }
}
