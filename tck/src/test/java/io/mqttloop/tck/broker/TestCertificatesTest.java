package io.mqttloop.tck.broker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the generated certificates are, checked with the JDK's own parsers and independently of
 * how they were made.
 */
class TestCertificatesTest {
  private static final int DNS_NAME = 2;
  private static final int IP_ADDRESS = 7;
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  private final TestCertificates certificates = TestCertificates.shared();

  @Test
  void generatesEveryFileIntoTheGivenDirectory(@TempDir Path directory) {
    TestCertificates fresh = TestCertificates.generateIn(directory.resolve("certificates"));

    assertEquals(directory.resolve("certificates"), fresh.directory());
    for (Path file : files(fresh)) {
      assertTrue(Files.isRegularFile(file), file + " missing");
      assertEquals(fresh.directory(), file.getParent(), file + " elsewhere");
    }
    assertFalse(Files.exists(fresh.directory().resolve("keytool")), "work files left behind");
    assertFalse(fresh.storePassword().equals(certificates.storePassword()), "password reused");
  }

  @Test
  void sharesOneSetInTheJvmAndNeverShowsItsPassword() {
    assertSame(certificates, TestCertificates.shared());
    assertFalse(certificates.storePassword().isEmpty());
    assertFalse(certificates.toString().contains(certificates.storePassword()),
        certificates::toString);
  }

  @Test
  void theAuthorityIsASelfSignedCertificateAuthority() throws GeneralSecurityException {
    X509Certificate ca = Pem.readCertificate(certificates.caCertificate());

    ca.verify(ca.getPublicKey());
    assertTrue(ca.getBasicConstraints() >= 0, "not a CA");
    assertEquals(ca.getSubjectX500Principal(), ca.getIssuerX500Principal());
  }

  @Test
  void theServerCertificateNamesLocalhostAndTheLoopbackAddress()
      throws GeneralSecurityException {
    X509Certificate server = Pem.readCertificate(certificates.localhostServer().certificateFile());

    server.verify(ca().getPublicKey());
    assertEquals(Set.of(List.of(DNS_NAME, "localhost"), List.of(IP_ADDRESS, "127.0.0.1")),
        Set.copyOf(names(server)));
    assertEquals(-1, server.getBasicConstraints(), "a server certificate must not be a CA");
    assertTrue(server.getExtendedKeyUsage().contains(SERVER_AUTH));
    assertEquals(certificates.caCertificate(), certificates.localhostServer().caFile());
  }

  /** Signed by the trusted authority but for another host: only hostname checks refuse it. */
  @Test
  void theOtherHostCertificateNamesOtherExampleAndNoAddress() throws GeneralSecurityException {
    X509Certificate otherHost =
        Pem.readCertificate(certificates.otherHostServer().certificateFile());

    otherHost.verify(ca().getPublicKey());
    assertEquals(List.of(List.of(DNS_NAME, "other.example")), names(otherHost));
  }

  @Test
  void theUntrustedServerCertificateChainsToTheUnrelatedAuthorityOnly()
      throws GeneralSecurityException {
    X509Certificate untrusted =
        Pem.readCertificate(certificates.untrustedServer().certificateFile());
    X509Certificate untrustedCa = Pem.readCertificate(certificates.untrustedCaCertificate());

    untrusted.verify(untrustedCa.getPublicKey());
    assertThrows(SignatureException.class, () -> untrusted.verify(ca().getPublicKey()));
    assertEquals(Set.of(List.of(DNS_NAME, "localhost"), List.of(IP_ADDRESS, "127.0.0.1")),
        Set.copyOf(names(untrusted)));
  }

  @Test
  void theClientCertificateIsForClientsAndSignedByTheAuthority()
      throws GeneralSecurityException {
    X509Certificate client = Pem.readCertificate(certificates.client().certificateFile());

    client.verify(ca().getPublicKey());
    assertTrue(client.getExtendedKeyUsage().contains(CLIENT_AUTH));
  }

  @Test
  void theExpiredCertificateIsSignedByTheAuthorityAndNoLongerValid()
      throws GeneralSecurityException {
    X509Certificate expired =
        Pem.readCertificate(certificates.expiredServer().certificateFile());

    expired.verify(ca().getPublicKey());
    assertThrows(CertificateExpiredException.class, expired::checkValidity);
    Pem.readCertificate(certificates.localhostServer().certificateFile()).checkValidity();
  }

  @Test
  void everyKeyIsAnUnencryptedPkcs8PemBlockForItsCertificate()
      throws IOException, GeneralSecurityException {
    for (TlsFiles files : List.of(certificates.localhostServer(), certificates.otherHostServer(),
        certificates.untrustedServer(), certificates.expiredServer(), certificates.client())) {
      String pem = Files.readString(files.keyFile(), StandardCharsets.US_ASCII);
      assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"), files.keyFile()::toString);
      assertTrue(pem.endsWith("-----END PRIVATE KEY-----\n"), files.keyFile()::toString);

      assertSignsFor(Pem.readCertificate(files.certificateFile()), parseKey(pem));
    }
  }

  @Test
  void theTrustStoreHoldsTheAuthorityAlone() throws GeneralSecurityException {
    KeyStore trustStore = Pkcs12.load(certificates.trustStore(), password());

    List<String> aliases = Collections.list(trustStore.aliases());
    assertEquals(1, aliases.size(), aliases::toString);
    assertTrue(trustStore.isCertificateEntry(aliases.get(0)));
    assertEquals(ca(), trustStore.getCertificate(aliases.get(0)));
  }

  @Test
  void theClientKeyStoreHoldsTheClientKeyWithItsChain() throws GeneralSecurityException {
    KeyStore keyStore = Pkcs12.load(certificates.clientKeyStore(), password());

    List<String> aliases = Collections.list(keyStore.aliases());
    assertEquals(1, aliases.size(), aliases::toString);
    Certificate[] chain = keyStore.getCertificateChain(aliases.get(0));
    assertArrayEquals(
        new Certificate[] {Pem.readCertificate(certificates.client().certificateFile()), ca()},
        chain);
    assertSignsFor((X509Certificate) chain[0],
        (PrivateKey) keyStore.getKey(aliases.get(0), password()));
    assertEquals("PKCS12", TestCertificates.STORE_TYPE);
  }

  private X509Certificate ca() {
    return Pem.readCertificate(certificates.caCertificate());
  }

  private char[] password() {
    return certificates.storePassword().toCharArray();
  }

  private static List<Path> files(TestCertificates set) {
    List<Path> files = new ArrayList<>(List.of(set.caCertificate(), set.untrustedCaCertificate(),
        set.trustStore(), set.clientKeyStore()));
    for (TlsFiles identity : List.of(set.localhostServer(), set.otherHostServer(),
        set.untrustedServer(), set.expiredServer(), set.client())) {
      files.add(identity.certificateFile());
      files.add(identity.keyFile());
    }
    return files;
  }

  private static List<List<?>> names(X509Certificate certificate)
      throws GeneralSecurityException {
    Collection<List<?>> names = certificate.getSubjectAlternativeNames();
    return names == null ? List.of() : List.copyOf(names);
  }

  private static PrivateKey parseKey(String pem) throws GeneralSecurityException {
    String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "")
        .replace("-----END PRIVATE KEY-----", "");
    byte[] der = Base64.getMimeDecoder().decode(base64);
    return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
  }

  private static void assertSignsFor(X509Certificate certificate, PrivateKey key)
      throws GeneralSecurityException {
    byte[] data = "mqttloop".getBytes(StandardCharsets.US_ASCII);
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(key);
    signer.update(data);
    byte[] signature = signer.sign();

    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(certificate.getPublicKey());
    verifier.update(data);
    assertTrue(verifier.verify(signature), "the key does not belong to "
        + certificate.getSubjectX500Principal());
  }
}
