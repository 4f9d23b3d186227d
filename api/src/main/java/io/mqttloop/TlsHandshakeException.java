package io.mqttloop;

/**
 * The TLS handshake with the broker failed, for the {@link Reason} given; the cause is the JDK's
 * own error. A handshake the broker never answers ends in {@link MqttConnectTimeoutException}
 * instead.
 */
public final class TlsHandshakeException extends MqttConnectException {
  private static final long serialVersionUID = 1L;

  /** Why the handshake failed, as far as the JDK's error tells. */
  public enum Reason {
    /** The broker's certificate does not chain to a trusted one. */
    UNTRUSTED_CERTIFICATE("its certificate is not trusted"),
    /** The broker's certificate, or one of its chain, has expired or is not yet valid. */
    EXPIRED_CERTIFICATE("its certificate has expired or is not yet valid"),
    /** The broker's certificate names another host. */
    HOST_NAME_MISMATCH("its certificate names another host"),
    /** The broker asked for a client certificate and refused the one given, or none. */
    CLIENT_CERTIFICATE_REFUSED("it refused the client's certificate, or its absence"),
    /** Anything else: no common protocol or cipher, a broken record, a closed connection. */
    OTHER("the handshake failed");

    private final String description;

    Reason(String description) {
      this.description = description;
    }

    /** The reason in words, as the exception's message gives it. */
    public String description() {
      return description;
    }
  }

  private final Reason reason;

  /** The handshake with {@code host:port} failed for {@code reason}, as {@code cause} tells. */
  public TlsHandshakeException(String host, int port, Reason reason, Throwable cause) {
    super(host, port, "the TLS handshake with " + host + ":" + port + " failed: "
        + reason.description() + " (" + (cause.getMessage() != null ? cause.getMessage()
        : cause.getClass().getName()) + ")", cause);
    this.reason = reason;
  }

  /** Why the handshake failed. */
  public Reason reason() {
    return reason;
  }
}
