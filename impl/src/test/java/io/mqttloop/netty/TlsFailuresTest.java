package io.mqttloop.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.mqttloop.Broker;
import io.mqttloop.TlsHandshakeException;
import io.mqttloop.TlsHandshakeException.Reason;
import io.netty.handler.codec.DecoderException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reason of a failed handshake, told from exception chains shaped as the JDK makes them and
 * Netty wraps them, including those no test broker can provoke, such as a certificate not yet
 * valid.
 */
class TlsFailuresTest {
  private static final Broker BROKER = new Broker("broker.example", 8883);

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(Reason.EXPIRED_CERTIFICATE, validationFailure(
            new CertificateExpiredException("NotAfter: Thu Jan 01 00:00:00 UTC 2026"))),
        Arguments.of(Reason.EXPIRED_CERTIFICATE, validationFailure(
            new CertificateNotYetValidException("NotBefore: Fri Jan 01 00:00:00 UTC 2100"))),
        Arguments.of(Reason.EXPIRED_CERTIFICATE, validationFailure(new CertPathValidatorException(
            "validity check failed", null, null, -1, BasicReason.EXPIRED))),
        Arguments.of(Reason.UNTRUSTED_CERTIFICATE, validationFailure(new CertificateException(
            "PKIX path building failed", new CertPathBuilderException("no path")))),
        Arguments.of(Reason.HOST_NAME_MISMATCH, validationFailure(new CertificateException(
            "No subject alternative DNS name matching x.example found."))),
        Arguments.of(Reason.HOST_NAME_MISMATCH, validationFailure(
            new CertificateException("No name matching x.example found"))),
        Arguments.of(Reason.CLIENT_CERTIFICATE_REFUSED, alert("bad_certificate")),
        Arguments.of(Reason.CLIENT_CERTIFICATE_REFUSED, alert("certificate_required")),
        Arguments.of(Reason.CLIENT_CERTIFICATE_REFUSED, alert("unknown_ca")),
        Arguments.of(Reason.OTHER, alert("handshake_failure")),
        Arguments.of(Reason.OTHER, new SSLHandshakeException("No appropriate protocol")),
        Arguments.of(Reason.OTHER, new ClosedChannelException()));
  }

  @ParameterizedTest(name = "{0} from {1}")
  @MethodSource("failures")
  void theReasonIsToldFromTheChain(Reason reason, Throwable failure) {
    assertEquals(reason, TlsFailures.of(BROKER, new DecoderException(failure)).reason());
  }

  @Test
  void theCauseIsTheJdksErrorUnwrappedFromNettys() {
    SSLHandshakeException jdk = alert("bad_certificate");

    TlsHandshakeException failure = TlsFailures.of(BROKER, new DecoderException(jdk));

    assertSame(jdk, failure.getCause());
    assertEquals("broker.example", failure.host());
    assertEquals(8883, failure.port());
  }

  /** The JDK's failure when its check of the broker's certificate fails for {@code cause}. */
  private static SSLHandshakeException validationFailure(Throwable cause) {
    SSLHandshakeException failure = new SSLHandshakeException(cause.getMessage());
    failure.initCause(cause);
    return failure;
  }

  /** The JDK's failure when the broker sends the alert {@code name}. */
  private static SSLHandshakeException alert(String name) {
    return new SSLHandshakeException("Received fatal alert: " + name);
  }
}
