package io.mqttloop.netty;

import io.netty.handler.codec.mqtt.MqttMessage;

/**
 * What the loop's collaborators may do with its connection. Every call comes on the loop's
 * thread, but {@link #submit}, which brings work there.
 */
interface Wire {

  /** Writes {@code packet} to the current connection, to go out with the next flush. */
  void write(MqttMessage packet);

  /** Flushes once the current batch of work is done. */
  void flushSoon();

  /** Reads once more from the current connection. */
  void read();

  /** Whether the current connection takes writes without queueing them beyond its limit. */
  boolean writable();

  /** Which connection is current, counted from 1; 0 before the first, and after the loop closed. */
  int connection();

  /** Runs {@code task} on the loop, at once when already there; false once it has closed. */
  boolean submit(Runnable task);

  /** The broker broke the protocol as {@code message} says: the connection is given up. */
  void protocolError(String message);
}
