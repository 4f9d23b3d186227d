package io.mqttloop.spi;

import io.mqttloop.Message;

/** How a transport learns that the application acknowledged a message it delivered. */
@FunctionalInterface
public interface Acknowledger {

  /** The application acknowledged {@code message}; called once, from any thread. */
  void acknowledged(Message message);
}
