package io.mqttloop.tck.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** Certificates and private keys in PEM files, the format mosquitto and OpenSSL read. */
final class Pem {
  private static final Base64.Encoder BASE64 =
      Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

  private Pem() {
  }

  /** Writes the certificate as one {@code CERTIFICATE} block. */
  static void writeCertificate(Path file, X509Certificate certificate) {
    try {
      write(file, "CERTIFICATE", certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("cannot encode " + certificate.getSubjectX500Principal(), e);
    }
  }

  /** Writes the key unencrypted, as one PKCS#8 {@code PRIVATE KEY} block. */
  static void writePrivateKey(Path file, PrivateKey key) {
    if (!"PKCS#8".equals(key.getFormat())) {
      throw new IllegalArgumentException("expected a PKCS#8 key, was " + key.getFormat());
    }
    write(file, "PRIVATE KEY", key.getEncoded());
  }

  /** Reads the unencrypted PKCS#8 EC key of a PEM file that {@link #writePrivateKey} wrote. */
  static PrivateKey readPrivateKey(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII);
      String base64 = text.replaceAll("-----[A-Z ]+-----", "");
      byte[] der = Base64.getMimeDecoder().decode(base64);
      return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no PKCS#8 EC key in " + file, e);
    }
  }

  /** Reads the first certificate of a PEM (or DER) file. */
  static X509Certificate readCertificate(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (CertificateException e) {
      throw new IllegalStateException("no certificate in " + file, e);
    }
  }

  /** Writes these DER bytes as one block with this label, such as {@code CERTIFICATE}. */
  static void write(Path file, String label, byte[] der) {
    String text = "-----BEGIN " + label + "-----\n" + BASE64.encodeToString(der)
        + "\n-----END " + label + "-----\n";
    try {
      Files.writeString(file, text, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
