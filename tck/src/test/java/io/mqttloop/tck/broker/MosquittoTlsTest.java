package io.mqttloop.tck.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The TLS listener of mosquitto against the JDK's TLS client, which checks the server's
 * certificate as HTTPS does: against its trust store and against the host name it was given.
 */
class MosquittoTlsTest {
  private static final TestCertificates CERTIFICATES = TestCertificates.shared();

  @ParameterizedTest(name = "as {0}")
  @ValueSource(strings = {"localhost", "127.0.0.1"})
  void acceptsAConnectFromAClientThatTrustsTheTestAuthority(String hostName)
      throws IOException, GeneralSecurityException {
    TlsClient client = TlsClient.trusting(TlsClient.trustStore(CERTIFICATES));

    try (MosquittoBroker broker = startWith(MosquittoConfig.defaults().withTls(CERTIFICATES));
        MqttProbe probe = MqttProbe.over(client.handshake(broker.tlsPort(), hostName))) {
      assertAccepted(probe, "tls-trusting");
    }
  }

  @Test
  void failsTheHandshakeOfAClientThatTrustsAnotherAuthority()
      throws IOException, GeneralSecurityException {
    TlsClient client =
        TlsClient.trusting(TlsClient.trustingOnly(CERTIFICATES.untrustedCaCertificate()));

    try (MosquittoBroker broker = startWith(MosquittoConfig.defaults().withTls(CERTIFICATES))) {
      assertCertificateRefused(client, broker);
    }
  }

  @Test
  void failsTheHandshakeWithAServerOfTheUnrelatedAuthority() throws GeneralSecurityException {
    MosquittoConfig untrusted = MosquittoConfig.defaults().withTls(CERTIFICATES.untrustedServer());

    try (MosquittoBroker broker = startWith(untrusted)) {
      assertCertificateRefused(TlsClient.trusting(TlsClient.trustStore(CERTIFICATES)), broker);
    }
  }

  /**
   * The other-host certificate exists for hostname verification tests: it is signed by the
   * trusted authority, so only the host name check can refuse it.
   */
  @Test
  void refusesTheOtherHostCertificateByItsHostNameAlone()
      throws IOException, GeneralSecurityException {
    TlsClient client = TlsClient.trusting(TlsClient.trustStore(CERTIFICATES));
    MosquittoConfig otherHost = MosquittoConfig.defaults().withTls(CERTIFICATES.otherHostServer());

    try (MosquittoBroker broker = startWith(otherHost)) {
      assertCertificateRefused(client, broker);
      try (MqttProbe probe = MqttProbe.over(
          client.ignoringHostNames().handshake(broker.tlsPort(), "localhost"))) {
        assertAccepted(probe, "tls-other-host");
      }
    }
  }

  @Test
  void refusesAClientWithoutCertificateWhenClientCertificatesAreRequired()
      throws IOException, GeneralSecurityException {
    TlsClient client = TlsClient.trusting(TlsClient.trustStore(CERTIFICATES));

    try (MosquittoBroker broker = startWith(requiringClientCertificates())) {
      // With TLS 1.3 the server refuses the client once the client's side of the handshake is
      // done: the client reads the alert at its first read, or fails to write when the server
      // has already closed the connection.
      IOException failure = assertThrows(IOException.class, () -> {
        try (MqttProbe probe = MqttProbe.over(client.handshake(broker.tlsPort(), "localhost"))) {
          probe.connect("tls-no-client-certificate", null, null);
        }
      });
      assertFalse(failure instanceof SocketTimeoutException,
          () -> "expected a refusal, the broker stayed silent: " + failure);
    }
  }

  @Test
  void acceptsAClientWithTheClientKeyWhenClientCertificatesAreRequired()
      throws IOException, GeneralSecurityException {
    TlsClient client = TlsClient.withClientKey(CERTIFICATES);

    try (MosquittoBroker broker = startWith(requiringClientCertificates());
        MqttProbe probe = MqttProbe.over(client.handshake(broker.tlsPort(), "localhost"))) {
      assertAccepted(probe, "tls-client-certificate");
    }
  }

  private static MosquittoConfig requiringClientCertificates() {
    return MosquittoConfig.defaults().withTls(CERTIFICATES).withClientCertificatesRequired();
  }

  private static MosquittoBroker startWith(MosquittoConfig config) {
    return Brokers.mosquittoWith(config);
  }

  private static void assertAccepted(MqttProbe probe, String clientId) throws IOException {
    assertEquals(MqttConnectReturnCode.CONNECTION_ACCEPTED,
        probe.connect(clientId, null, null).variableHeader().connectReturnCode());
  }

  /** Checks that a client connecting as localhost refuses the broker's certificate. */
  private static void assertCertificateRefused(TlsClient client, MosquittoBroker broker) {
    SSLHandshakeException failure = assertThrows(SSLHandshakeException.class,
        () -> client.handshake(broker.tlsPort(), "localhost"));
    for (@Nullable Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof CertificateException) {
        return;
      }
    }
    throw new AssertionError("expected a certificate to be refused", failure);
  }
}
