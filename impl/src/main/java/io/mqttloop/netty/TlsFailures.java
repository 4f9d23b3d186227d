package io.mqttloop.netty;

import io.mqttloop.Broker;
import io.mqttloop.TlsHandshakeException;
import io.mqttloop.TlsHandshakeException.Reason;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * Tells why a TLS handshake failed from the JDK's exception chain, as far as its types and its
 * words allow: the JDK names no reason in a type of its own for a host name that does not match,
 * nor for an alert the broker sent.
 */
final class TlsFailures {
  /** How the JDK words an alert received from the other end. */
  private static final String RECEIVED_ALERT = "Received fatal alert: ";

  /** Alerts a server sends about a client's certificate, or about its absence. */
  private static final Set<String> CLIENT_CERTIFICATE_ALERTS = Set.of("bad_certificate",
      "certificate_required", "unsupported_certificate", "certificate_revoked",
      "certificate_expired", "certificate_unknown", "unknown_ca", "access_denied");

  /** Deeper than any chain the JDK and Netty make; a guard against a cycle. */
  private static final int MAX_CHAIN = 32;

  private TlsFailures() {}

  /** The handshake with {@code broker} failed as {@code cause} says, which may wrap the JDK's. */
  static TlsHandshakeException of(Broker broker, Throwable cause) {
    List<Throwable> chain = chainOf(cause);
    Throwable jdk = chain.stream().filter(SSLException.class::isInstance).findFirst()
        .orElse(cause);
    return new TlsHandshakeException(broker.host(), broker.port(), reasonOf(chain), jdk);
  }

  /** Whether {@code cause} is, or wraps, an error of the TLS layer. */
  static boolean isTls(Throwable cause) {
    return chainOf(cause).stream().anyMatch(SSLException.class::isInstance);
  }

  private static Reason reasonOf(List<Throwable> chain) {
    if (any(chain, TlsFailures::isOutOfDate)) {
      return Reason.EXPIRED_CERTIFICATE;
    }
    if (any(chain, TlsFailures::isUntrusted)) {
      return Reason.UNTRUSTED_CERTIFICATE;
    }
    if (any(chain, TlsFailures::isOtherHostName)) {
      return Reason.HOST_NAME_MISMATCH;
    }
    if (any(chain, TlsFailures::isClientCertificateRefusal)) {
      return Reason.CLIENT_CERTIFICATE_REFUSED;
    }
    return Reason.OTHER;
  }

  private static boolean isOutOfDate(Throwable failure) {
    if (failure instanceof CertPathValidatorException invalid) {
      return invalid.getReason() == BasicReason.EXPIRED
          || invalid.getReason() == BasicReason.NOT_YET_VALID;
    }
    return failure instanceof CertificateExpiredException
        || failure instanceof CertificateNotYetValidException;
  }

  private static boolean isUntrusted(Throwable failure) {
    return failure instanceof CertPathBuilderException
        || failure instanceof CertPathValidatorException
        || wordsOf(failure).contains("pkix path");
  }

  /** The JDK's words: "No subject alternative DNS name matching ...", "No name matching ...". */
  private static boolean isOtherHostName(Throwable failure) {
    String words = wordsOf(failure);
    return failure instanceof CertificateException
        && (words.contains("subject alternative") || words.startsWith("no name matching"));
  }

  private static boolean isClientCertificateRefusal(Throwable failure) {
    String message = failure.getMessage();
    return failure instanceof SSLException && message != null
        && message.startsWith(RECEIVED_ALERT)
        && CLIENT_CERTIFICATE_ALERTS.contains(message.substring(RECEIVED_ALERT.length()).trim());
  }

  private static boolean any(List<Throwable> chain, Predicate<Throwable> test) {
    return chain.stream().anyMatch(test);
  }

  private static String wordsOf(Throwable failure) {
    String message = failure.getMessage();
    return message == null ? "" : message.toLowerCase(Locale.ROOT);
  }

  private static List<Throwable> chainOf(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    for (@Nullable Throwable link = failure; link != null && chain.size() < MAX_CHAIN;
        link = link.getCause()) {
      chain.add(link);
    }
    return chain;
  }
}
