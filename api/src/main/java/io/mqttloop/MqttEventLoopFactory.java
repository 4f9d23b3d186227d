package io.mqttloop;

import java.util.concurrent.Executor;

/** Makes event loops of one transport; the TCK calls it to make every loop it checks. */
@FunctionalInterface
public interface MqttEventLoopFactory {

  /**
   * A new, unconnected loop that will run on {@code executor}, resuming {@code state}: its
   * requests are finished before any new one is taken.
   *
   * @throws IllegalArgumentException when the options do not suit this transport
   */
  MqttEventLoop create(MqttOptions options, Executor executor, MqttState state);

  /** A new, unconnected loop with an empty session state. */
  default MqttEventLoop create(MqttOptions options, Executor executor) {
    return create(options, executor, MqttState.EMPTY);
  }
}
