package io.mqttloop.tck.broker;

/**
 * A running MQTT 3.1.1 broker that a test connects to, listening on {@link #host()} and
 * {@link #port()} only. It is started by its factory method and stays up until {@link #close()}.
 */
public interface TestBroker extends AutoCloseable {

  /** The address the broker listens on: always {@code "127.0.0.1"}, never another interface. */
  String host();

  /** The TCP port of the plain MQTT listener. */
  int port();

  /** A short name for the kind of broker: {@code "mosquitto"} or {@code "embedded"}. */
  String kind();

  /**
   * Stops the broker and returns once it is gone: its process has exited or its server has
   * stopped, its port is free and its temporary files are deleted. Closing twice does nothing.
   */
  @Override
  void close();
}
