package io.mqttloop.tck.broker;

import java.util.Optional;

/**
 * Whether Docker can run a broker container here. {@link Brokers} asks it before it picks a
 * container, and its tests pass one that answers as they need, so that the order of
 * {@link BrokerChoice#AUTO} can be tested on a machine with or without Docker.
 */
@FunctionalInterface
interface DockerProbe {

  /** Empty when Docker can run a container now; otherwise why it cannot, in words. */
  Optional<String> whyUnavailable();

  /** This machine's Docker, looked at once per JVM (see {@link DockerEnvironment}). */
  static DockerProbe fromEnvironment() {
    return DockerEnvironment.THIS_MACHINE;
  }
}
