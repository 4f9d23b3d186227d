package io.mqttloop.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.mqttloop.MqttOptions;
import io.mqttloop.TlsHandshakeException;
import io.mqttloop.tck.broker.MosquittoBroker;
import io.mqttloop.tck.broker.MosquittoConfig;
import io.mqttloop.tck.broker.TestCertificates;
import io.mqttloop.tck.broker.TlsFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Rules of a secure transport's checks of the broker's certificate: one that is not trusted, has
 * expired or names another host fails the connect, with the reason. They run when
 * {@link #transport()} is TLS or secure WebSocket, each against a mosquitto of its own that
 * presents the faulty certificate, and skip otherwise.
 */
public abstract class SecurityVerification extends MqttEventLoopVerification {

  /** For subclasses, which write {@link #createLoop}. */
  protected SecurityVerification() {}

  /** A certificate from an authority the options do not trust fails the connect. */
  @Test
  public void required_anUntrustedCertificateFailsTheConnect() {
    assertRefused(TestCertificates.shared().untrustedServer(),
        TlsHandshakeException.Reason.UNTRUSTED_CERTIFICATE);
  }

  /** A certificate of a trusted authority that has expired fails the connect. */
  @Test
  public void required_anExpiredCertificateFailsTheConnect() {
    assertRefused(TestCertificates.shared().expiredServer(),
        TlsHandshakeException.Reason.EXPIRED_CERTIFICATE);
  }

  /**
   * A certificate of a trusted authority for another host fails the connect: hostname
   * verification is on by default.
   */
  @Test
  public void required_aCertificateForAnotherHostFailsTheConnect() {
    assertRefused(TestCertificates.shared().otherHostServer(),
        TlsHandshakeException.Reason.HOST_NAME_MISMATCH);
  }

  private void assertRefused(TlsFiles presented, TlsHandshakeException.Reason reason) {
    Assumptions.assumeTrue(transport().isSecure(),
        "needs a secure transport: run with -D" + Transport.PROPERTY + "=tls or secure-websocket");
    assumeMosquitto("a listener presenting a faulty certificate");
    try (MosquittoBroker faulty = MosquittoBroker.start(listenerPresenting(presented))) {
      MqttOptions options = transport().configure(MqttOptions.builder()
          .broker(faulty.host(), transport().port(faulty)).clientId(newClientId()),
          TestCertificates.shared()).build();

      Throwable failure = awaitFailure(newLoop(options).connect(), "a connect to " + presented);

      TlsHandshakeException refused = assertInstanceOf(TlsHandshakeException.class, failure);
      assertEquals(reason, refused.reason(), "the reason: " + refused.getMessage());
    }
  }

  private MosquittoConfig listenerPresenting(TlsFiles presented) {
    MosquittoConfig plain = MosquittoConfig.defaults();
    return transport().isWebSocket() ? plain.withSecureWebSockets(presented)
        : plain.withTls(presented);
  }
}
