package io.mqttloop.tck.broker;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Certificates and keys for TLS tests, made in a few seconds with nothing but the running JDK: its
 * security API makes the keys and its {@code keytool} the certificates. There is a test
 * certificate authority and, signed by it, a server certificate for
 * {@code localhost} and {@code 127.0.0.1}, a server certificate for {@code other.example} only and
 * a client certificate; besides them an unrelated authority that nothing trusts, with a server
 * certificate for {@code localhost} and {@code 127.0.0.1} of its own. All keys are P-256.
 *
 * <p>A broker reads them as PEM files, its keys unencrypted; a Java client reads the PKCS12
 * {@link #trustStore()} and {@link #clientKeyStore()}, both opened with {@link #storePassword()}.
 * Every key here is for tests only: anyone who can read the directory can use it.
 *
 * <p>Generating takes a few seconds, so most tests use the {@link #shared()} instance.
 */
public final class TestCertificates {
  /** The type of {@link #trustStore()} and {@link #clientKeyStore()}. */
  public static final String STORE_TYPE = Pkcs12.TYPE;

  private static final String CA = "ca";
  private static final String UNTRUSTED_CA = "untrusted-ca";
  private static final String SERVER = "server";
  private static final String OTHER_HOST = "other-host";
  private static final String CLIENT = "client";
  private static final String UNTRUSTED_SERVER = "untrusted-server";
  private static final String EXPIRED_SERVER = "expired-server";
  private static final List<String> VALID_FOR_TEN_YEARS =
      List.of("-startdate", "-1d", "-validity", "3650");
  private static final List<String> EXPIRED_A_MONTH_AGO =
      List.of("-startdate", "-60d", "-validity", "30");
  private static final String LOOPBACK_NAMES = "san=dns:localhost,ip:127.0.0.1";

  private static final List<Leaf> LEAVES = List.of(
      new Leaf(SERVER, "CN=localhost", CA, List.of("eku=serverAuth", LOOPBACK_NAMES),
          VALID_FOR_TEN_YEARS),
      new Leaf(OTHER_HOST, "CN=other.example", CA,
          List.of("eku=serverAuth", "san=dns:other.example"), VALID_FOR_TEN_YEARS),
      new Leaf(CLIENT, "CN=mqttloop TCK client", CA, List.of("eku=clientAuth"),
          VALID_FOR_TEN_YEARS),
      new Leaf(UNTRUSTED_SERVER, "CN=localhost", UNTRUSTED_CA,
          List.of("eku=serverAuth", LOOPBACK_NAMES), VALID_FOR_TEN_YEARS),
      new Leaf(EXPIRED_SERVER, "CN=localhost", CA, List.of("eku=serverAuth", LOOPBACK_NAMES),
          EXPIRED_A_MONTH_AGO));

  private static final ReentrantLock SHARED_LOCK = new ReentrantLock();
  private static @Nullable TestCertificates shared;

  private final Path directory;
  private final String storePassword;

  private TestCertificates(Path directory, String storePassword) {
    this.directory = directory;
    this.storePassword = storePassword;
  }

  /**
   * One set for the whole JVM, generated on first use into a temporary directory that is deleted
   * when the JVM exits.
   *
   * @throws IllegalStateException when keytool fails, with what it printed
   */
  public static TestCertificates shared() {
    SHARED_LOCK.lock();
    try {
      if (shared == null) {
        shared = generateInTemporaryDirectory();
      }
      return shared;
    } finally {
      SHARED_LOCK.unlock();
    }
  }

  /**
   * Generates a new set into this directory, which is created if missing, with a new random store
   * password. Files of the same names there are replaced; the caller deletes them when done.
   *
   * @throws IllegalStateException when keytool fails, with what it printed
   * @throws java.io.UncheckedIOException when a file cannot be written
   */
  public static TestCertificates generateIn(Path directory) {
    TestCertificates certificates =
        new TestCertificates(directory.toAbsolutePath(), randomPassword());
    Path workDirectory = certificates.file("keytool");
    // What a failed run left there would make keytool refuse to make its keys again.
    TempDirectories.delete(workDirectory);
    Keytool keytool = new Keytool(workDirectory, certificates.storePassword);
    certificates.writeKeysAndRequests(keytool);
    certificates.issue(keytool);
    certificates.writeStores(keytool);
    TempDirectories.delete(workDirectory);
    return certificates;
  }

  /** The directory that holds every file of this set. */
  public Path directory() {
    return directory;
  }

  /** The test authority's certificate, as PEM: the one to trust. */
  public Path caCertificate() {
    return file("ca.pem");
  }

  /**
   * The unrelated authority's certificate, as PEM: trusting it, and it alone, makes a client
   * refuse every server certificate of the test authority.
   */
  public Path untrustedCaCertificate() {
    return file("untrusted-ca.pem");
  }

  /**
   * A server certificate for {@code localhost} and {@code 127.0.0.1}, signed by the test
   * authority, whose certificate is the files' {@link TlsFiles#caFile()}: what a TLS listener
   * presents to clients that check host names.
   */
  public TlsFiles localhostServer() {
    return filesOf(SERVER);
  }

  /**
   * A server certificate for {@code other.example} only, not for {@code localhost} nor any
   * address, signed by the test authority: a client that trusts the authority but checks host
   * names, as HTTPS does, must refuse it on 127.0.0.1; one that does not check them accepts it.
   */
  public TlsFiles otherHostServer() {
    return filesOf(OTHER_HOST);
  }

  /**
   * A server certificate for {@code localhost} and {@code 127.0.0.1} signed by the unrelated
   * authority, which a client trusting the test authority must refuse. The files' CA is still
   * the test authority, which a broker uses to check client certificates.
   */
  public TlsFiles untrustedServer() {
    return filesOf(UNTRUSTED_SERVER);
  }

  /**
   * A server certificate for {@code localhost} and {@code 127.0.0.1}, signed by the test
   * authority, that expired a month ago: a client that trusts the authority must refuse it.
   */
  public TlsFiles expiredServer() {
    return filesOf(EXPIRED_SERVER);
  }

  /**
   * A client certificate signed by the test authority, for clients that read PEM files; a Java
   * client can take {@link #clientKeyStore()} instead.
   */
  public TlsFiles client() {
    return filesOf(CLIENT);
  }

  /**
   * A PKCS12 trust store that holds the test authority's certificate and nothing else, opened
   * with {@link #storePassword()}.
   */
  public Path trustStore() {
    return file("truststore.p12");
  }

  /**
   * A PKCS12 key store that holds the client key with its chain, the client certificate and the
   * test authority's, and nothing else. The store and the key both open with
   * {@link #storePassword()}.
   */
  public Path clientKeyStore() {
    return file("client.p12");
  }

  /** The password of {@link #trustStore()}, {@link #clientKeyStore()} and the client key. */
  public String storePassword() {
    return storePassword;
  }

  /** Where the files are; never the password. */
  @Override
  public String toString() {
    return "TestCertificates in " + directory;
  }

  private static TestCertificates generateInTemporaryDirectory() {
    Path directory = TempDirectories.create("mqttloop-certificates-");
    try {
      TestCertificates certificates = generateIn(directory);
      Runtime.getRuntime().addShutdownHook(
          new Thread(() -> TempDirectories.delete(directory), "mqttloop-certificates-cleanup"));
      return certificates;
    } catch (RuntimeException e) {
      TempDirectories.deleteAfterFailure(directory, e);
      throw e;
    }
  }

  private void writeKeysAndRequests(Keytool keytool) {
    for (Leaf leaf : LEAVES) {
      KeyPair keys = newKeyPair();
      Pem.writePrivateKey(keyFile(leaf.name()), keys.getPrivate());
      CertificateRequest.write(keytool.requestFile(leaf.name()), keys, leaf.distinguishedName());
    }
  }

  private void issue(Keytool keytool) {
    keytool.runTogether(List.of(
        keytool.authority(CA, "CN=mqttloop TCK test CA"),
        keytool.authority(UNTRUSTED_CA, "CN=mqttloop TCK untrusted CA")));
    keytool.runTogether(LEAVES.stream()
        .map(leaf -> keytool.sign(leaf.name(), leaf.issuer(), certificateFile(leaf.name()),
            leaf.extensions(), leaf.validity()))
        .collect(Collectors.toList()));
  }

  private void writeStores(Keytool keytool) {
    char[] password = storePassword.toCharArray();
    X509Certificate ca = authority(keytool, CA, password);
    Pem.writeCertificate(caCertificate(), ca);
    Pem.writeCertificate(untrustedCaCertificate(), authority(keytool, UNTRUSTED_CA, password));

    Pkcs12.writeTrustStore(trustStore(), "mqttloop-tck-ca", ca, password);
    Certificate[] clientChain = {Pem.readCertificate(certificateFile(CLIENT)), ca};
    Pkcs12.writeKeyStore(clientKeyStore(), CLIENT, Pem.readPrivateKey(keyFile(CLIENT)),
        clientChain, password);
  }

  private static X509Certificate authority(Keytool keytool, String name, char[] password) {
    return Pkcs12.certificate(Pkcs12.load(keytool.store(name), password), name);
  }

  private static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot make P-256 keys", e);
    }
  }

  private TlsFiles filesOf(String name) {
    return new TlsFiles(caCertificate(), certificateFile(name), keyFile(name));
  }

  private Path certificateFile(String name) {
    return file(name + ".pem");
  }

  private Path keyFile(String name) {
    return file(name + ".key");
  }

  private Path file(String name) {
    return directory.resolve(name);
  }

  private static String randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * An end entity certificate to issue.
   *
   * @param name the name of its files and its alias
   * @param distinguishedName its subject
   * @param issuer the name of the authority that signs it
   * @param extensions its keytool extensions besides those of every end entity
   * @param validity its keytool options of validity
   */
  private record Leaf(String name, String distinguishedName, String issuer,
      List<String> extensions, List<String> validity) {
  }
}
