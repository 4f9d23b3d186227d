package io.mqttloop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Certificates or keys named by {@link TlsOptions.Builder}, read when the options are built: the
 * JDK's trusted authorities, a key store file, or a PEM file of certificates.
 */
final class TlsMaterial {
  private final String field;
  private final @Nullable Path file;
  private final char @Nullable [] password;
  private final boolean pem;

  private TlsMaterial(String field, @Nullable Path file, char @Nullable [] password, boolean pem) {
    this.field = field;
    this.file = file;
    this.password = password;
    this.pem = pem;
  }

  static TlsMaterial jdkTrust() {
    return new TlsMaterial("trust", null, null, false);
  }

  static TlsMaterial store(String field, Path file, char[] password) {
    Objects.requireNonNull(file, field);
    Objects.requireNonNull(password, field + " password");
    return new TlsMaterial(field, file, password.clone(), false);
  }

  static TlsMaterial pem(String field, Path file) {
    return new TlsMaterial(field, Objects.requireNonNull(file, field), null, true);
  }

  /** A TLS context trusting {@code trust} and presenting {@code keys}, when there are any. */
  static SSLContext context(TlsMaterial trust, @Nullable TlsMaterial keys) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys == null ? null : keys.keyManagers(), trust.trustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK offers no TLS context: " + e, e);
    }
  }

  /** Where the material comes from, for {@code toString}; never the password. */
  String describe() {
    return file == null ? "the JDK's authorities" : field + " " + file;
  }

  private TrustManager[] trustManagers() {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(file == null ? null : readStore(true));
      return factory.getTrustManagers();
    } catch (GeneralSecurityException e) {
      throw refused("holds no usable certificate: " + e.getMessage(), e);
    }
  }

  private KeyManager[] keyManagers() {
    KeyStore store = readStore(false);
    try {
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, password);
      return factory.getKeyManagers();
    } catch (GeneralSecurityException e) {
      throw refused("its keys cannot be opened with the password: " + e.getMessage(), e);
    }
  }

  private KeyStore readStore(boolean certificatesWanted) {
    KeyStore store = pem ? readPem() : readKeyStore();
    try {
      boolean found = false;
      for (String alias : Collections.list(store.aliases())) {
        found |= certificatesWanted ? store.getCertificate(alias) != null
            : store.isKeyEntry(alias);
      }
      if (!found) {
        throw refused(certificatesWanted ? "holds no certificate" : "holds no private key");
      }
      return store;
    } catch (GeneralSecurityException e) {
      throw refused("cannot be listed: " + e.getMessage(), e);
    }
  }

  private KeyStore readKeyStore() {
    Path source = Objects.requireNonNull(file);
    if (!Files.isReadable(source)) {
      throw refused("is not a readable file");
    }
    try {
      return KeyStore.getInstance(source.toFile(), password);
    } catch (IOException | GeneralSecurityException e) {
      throw refused("cannot be read as a key store with that password: " + e.getMessage(), e);
    }
  }

  private KeyStore readPem() {
    Path source = Objects.requireNonNull(file);
    try (InputStream in = Files.newInputStream(source)) {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int index = 0;
      for (Certificate certificate : certificates) {
        store.setCertificateEntry("pem-" + index++, certificate);
      }
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw refused("cannot be read as PEM certificates: " + e.getMessage(), e);
    }
  }

  private IllegalArgumentException refused(String why) {
    return new IllegalArgumentException(field + " " + file + " " + why);
  }

  private IllegalArgumentException refused(String why, Exception cause) {
    return new IllegalArgumentException(field + " " + file + " " + why, cause);
  }
}
