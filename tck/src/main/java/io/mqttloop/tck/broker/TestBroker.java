package io.mqttloop.tck.broker;

import java.time.Duration;

/**
 * A running MQTT 3.1.1 broker that a test connects to at {@link #host()} and {@link #port()}.
 * It is started by its factory method and stays up until {@link #close()}.
 */
public interface TestBroker extends AutoCloseable {

  /**
   * The address to connect to: {@code "127.0.0.1"}, the only address the broker listens on,
   * for every broker on this machine. A {@link ContainerBroker} whose Docker runs on another
   * machine (or outside the container this JVM runs in) is the exception: its port is published
   * on that Docker host, and this is the host's address as Testcontainers gives it.
   */
  String host();

  /** The TCP port of the plain MQTT listener. */
  int port();

  /**
   * A short name for the kind of broker: {@code "mosquitto"}, {@code "embedded"}, or
   * {@code "container:"} and the image, such as {@code "container:eclipse-mosquitto:2.0"}.
   */
  String kind();

  /**
   * Waits until the broker is ready for the first request of the client {@code clientId}, which
   * has its CONNACK: most brokers are ready then, and return at once. The embedded broker needs a
   * moment more (see {@link EmbeddedBroker}).
   *
   * @throws org.awaitility.core.ConditionTimeoutException when that takes longer than the timeout
   */
  default void awaitReadyFor(String clientId, Duration timeout) {
  }

  /**
   * Stops the broker and returns once it is gone: its process has exited or its server has
   * stopped, its port is free and its temporary files are deleted. Closing twice does nothing.
   */
  @Override
  void close();
}
