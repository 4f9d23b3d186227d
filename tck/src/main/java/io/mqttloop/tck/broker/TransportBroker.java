package io.mqttloop.tck.broker;

import org.jspecify.annotations.Nullable;

/**
 * A mosquitto serving every transport, shared by a run like {@link SharedBroker}'s broker: plain
 * MQTT, MQTT over TLS, WebSocket and WebSocket over TLS, with {@link TestCertificates#shared()}.
 * It starts only when a test first asks for it, so that a run over plain TCP pays nothing for it.
 */
public final class TransportBroker implements AutoCloseable {
  private @Nullable MosquittoBroker broker;
  private boolean closed;

  /** Made by {@link SharedBroker}; holds nothing until {@link #broker()} is called. */
  TransportBroker() {}

  /**
   * The broker, started now if it was not yet.
   *
   * @throws BrokerStartException when mosquitto cannot be found or does not start
   * @throws IllegalStateException when the run has already closed it
   */
  public synchronized MosquittoBroker broker() {
    if (closed) {
      throw new IllegalStateException("the run's transport broker was closed");
    }
    if (broker == null) {
      TestCertificates certificates = TestCertificates.shared();
      broker = MosquittoBroker.start(MosquittoConfig.defaults().withTls(certificates)
          .withWebSockets().withSecureWebSockets(certificates));
    }
    return broker;
  }

  /** The certificates its TLS listeners present, and the trust store that trusts them. */
  public TestCertificates certificates() {
    return TestCertificates.shared();
  }

  /** Stops the broker if it was started. */
  @Override
  public synchronized void close() {
    closed = true;
    if (broker != null) {
      broker.close();
      broker = null;
    }
  }
}
