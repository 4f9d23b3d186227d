package io.mqttloop;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * How a loop secures its connection with TLS. Made with {@link #builder()}, whose
 * {@link Builder#build()} reads every file it names, so that a missing file, a wrong password or
 * a store without a certificate is refused there, naming the file, rather than at connect.
 *
 * <p>The broker's certificate must chain to a trusted certificate (the JDK's own, unless the
 * builder names others), be valid now, and name the host the options connect to: hostname
 * verification is on unless {@link Builder#withoutHostnameVerification()} turns it off.
 * {@link #toString()} never shows a password.
 */
public final class TlsOptions {
  private final SSLContext context;
  private final String trustSource;
  private final @Nullable String keySource;
  private final boolean hostnameVerification;
  private final @Nullable String serverName;
  private final List<String> protocols;
  private final List<String> alpnProtocols;

  private TlsOptions(Builder builder, SSLContext context) {
    this.context = context;
    boolean given = builder.context != null;
    this.trustSource = given ? "the given SSLContext" : builder.trust.describe();
    TlsMaterial keys = builder.keys;
    this.keySource = given ? "the given SSLContext" : keys == null ? null : keys.describe();
    this.hostnameVerification = builder.hostnameVerification;
    this.serverName = builder.serverName;
    this.protocols = builder.protocols;
    this.alpnProtocols = builder.alpnProtocols;
  }

  /** TLS trusting the JDK's certificate authorities, with hostname verification. */
  public static TlsOptions defaults() {
    return builder().build();
  }

  /** A builder that trusts the JDK's certificate authorities and verifies the host name. */
  public static Builder builder() {
    return new Builder();
  }

  /** The context the loop makes each connection's engine from. */
  public SSLContext context() {
    return context;
  }

  /** Whether the broker's certificate must name the host connected to. */
  public boolean hostnameVerification() {
    return hostnameVerification;
  }

  /**
   * The name sent in the handshake (SNI) and checked against the certificate; null for the host
   * the options connect to.
   */
  public @Nullable String serverName() {
    return serverName;
  }

  /** The TLS versions to offer, such as {@code TLSv1.3}; empty for the JDK's defaults. */
  public List<String> protocols() {
    return protocols;
  }

  /** The application protocols to offer by ALPN, in order of preference; empty for none. */
  public List<String> alpnProtocols() {
    return alpnProtocols;
  }

  @Override
  public String toString() {
    return "TlsOptions[trust=" + trustSource + ", keys=" + (keySource == null ? "none" : keySource)
        + ", hostnameVerification=" + hostnameVerification + ", serverName=" + serverName
        + ", protocols=" + protocols + ", alpnProtocols=" + alpnProtocols + "]";
  }

  /** Builds {@link TlsOptions}; {@link #build()} reads the files named. */
  public static final class Builder {
    private TlsMaterial trust = TlsMaterial.jdkTrust();
    private @Nullable TlsMaterial keys;
    private @Nullable SSLContext context;
    private boolean hostnameVerification = true;
    private @Nullable String serverName;
    private List<String> protocols = List.of();
    private List<String> alpnProtocols = List.of();

    private Builder() {}

    /**
     * Trusts the certificates of a key store file (PKCS#12 or JKS) instead of the JDK's. The
     * password is copied, and used only by {@link #build()}.
     */
    public Builder trustStore(Path file, char[] password) {
      this.trust = TlsMaterial.store("trustStore", file, password);
      return this;
    }

    /** Trusts the certificates of a PEM file (one or more) instead of the JDK's. */
    public Builder trustPem(Path file) {
      this.trust = TlsMaterial.pem("trustPem", file);
      return this;
    }

    /**
     * Presents the client's certificate and key from a key store file (PKCS#12 or JKS) whose key
     * entries share {@code password}, for brokers that ask for one (mutual TLS).
     */
    public Builder keyStore(Path file, char[] password) {
      this.keys = TlsMaterial.store("keyStore", file, password);
      return this;
    }

    /**
     * Uses {@code context} as it is, in place of the trust and keys named here: for trust
     * managers and key managers of your own.
     */
    public Builder sslContext(SSLContext context) {
      this.context = Objects.requireNonNull(context, "context");
      return this;
    }

    /**
     * Accepts a certificate that names another host. Do this only for a broker whose name cannot
     * match, as in a test: without the check, anyone holding any trusted certificate can pose as
     * the broker.
     */
    public Builder withoutHostnameVerification() {
      this.hostnameVerification = false;
      return this;
    }

    /**
     * The name to send in the handshake (SNI) and check the certificate against, when it differs
     * from the host connected to.
     *
     * @throws IllegalArgumentException when blank
     */
    public Builder serverName(String serverName) {
      Objects.requireNonNull(serverName, "serverName");
      if (serverName.isBlank()) {
        throw new IllegalArgumentException("serverName must not be blank");
      }
      try {
        new SNIHostName(serverName);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("serverName must be a host name, was '" + serverName
            + "': " + e.getMessage(), e);
      }
      this.serverName = serverName;
      return this;
    }

    /**
     * The TLS versions to offer, such as {@code "TLSv1.3"}.
     *
     * @throws IllegalArgumentException when one is blank
     */
    public Builder protocols(String... protocols) {
      this.protocols = names("protocols", protocols);
      return this;
    }

    /**
     * The application protocols to offer by ALPN, most preferred first.
     *
     * @throws IllegalArgumentException when one is blank
     */
    public Builder alpnProtocols(String... protocols) {
      this.alpnProtocols = names("alpnProtocols", protocols);
      return this;
    }

    /**
     * The options, with the files named read now.
     *
     * @throws IllegalArgumentException naming the file when one cannot be read, its password is
     *     wrong, or it holds no certificate (or no key, for a key store)
     */
    public TlsOptions build() {
      SSLContext built = context != null ? context : TlsMaterial.context(trust, keys);
      checkUsable(built);
      return new TlsOptions(this, built);
    }

    /** Refuses a context that cannot make an engine, and protocols it does not know. */
    private void checkUsable(SSLContext built) {
      try {
        built.createSSLEngine();
      } catch (IllegalStateException e) {
        throw new IllegalArgumentException("sslContext cannot make an engine, is it"
            + " initialised? " + e.getMessage(), e);
      }
      List<String> supported = List.of(built.getSupportedSSLParameters().getProtocols());
      for (String protocol : protocols) {
        if (!supported.contains(protocol)) {
          throw new IllegalArgumentException("protocols holds " + protocol + ", which the TLS"
              + " context does not support; it supports " + supported);
        }
      }
    }

    private static List<String> names(String field, String... names) {
      List<String> copy = List.of(Objects.requireNonNull(names, field));
      for (String name : copy) {
        if (name.isBlank()) {
          throw new IllegalArgumentException(field + " must not hold a blank name, was " + copy);
        }
      }
      return copy;
    }
  }
}
