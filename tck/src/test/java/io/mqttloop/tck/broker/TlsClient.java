package io.mqttloop.tck.broker;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * A JDK TLS client for a listener of 127.0.0.1: it trusts the authorities of one trust store,
 * presents the key of a key store when it has one, and names the server as it is told to, which is
 * the name it checks the server's certificate against when it checks host names as HTTPS does.
 */
final class TlsClient {
  private final SSLContext context;
  private final boolean checksHostNames;

  private TlsClient(SSLContext context, boolean checksHostNames) {
    this.context = context;
    this.checksHostNames = checksHostNames;
  }

  /** A client that trusts what this store trusts, checks host names and has no key. */
  static TlsClient trusting(KeyStore trustStore) throws GeneralSecurityException {
    return new TlsClient(context(trustStore, null, new char[0]), true);
  }

  /** A client that trusts the test authority, checks host names and presents the client key. */
  static TlsClient withClientKey(TestCertificates certificates)
      throws GeneralSecurityException {
    char[] password = certificates.storePassword().toCharArray();
    return new TlsClient(context(trustStore(certificates),
        Pkcs12.load(certificates.clientKeyStore(), password), password), true);
  }

  /** A trust store that holds only the certificate of this PEM file. */
  static KeyStore trustingOnly(Path caCertificate) throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance(TestCertificates.STORE_TYPE);
    store.load(null, null);
    store.setCertificateEntry("ca", Pem.readCertificate(caCertificate));
    return store;
  }

  /** The test authority's trust store, as a Java client reads it. */
  static KeyStore trustStore(TestCertificates certificates) {
    return Pkcs12.load(certificates.trustStore(), certificates.storePassword().toCharArray());
  }

  /** This client, but one that takes any name the certificate is signed for. */
  TlsClient ignoringHostNames() {
    return new TlsClient(context, false);
  }

  /**
   * A TLS socket to this port of 127.0.0.1 that tells the server, and checks, this host name;
   * the handshake has not started, so that a test can see where it fails.
   */
  SSLSocket connect(int port, String hostName) throws IOException {
    SSLSocket socket = (SSLSocket) context.getSocketFactory()
        .createSocket(MqttProbe.plainSocket(port), hostName, port, true);
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm(checksHostNames ? "HTTPS" : null);
    socket.setSSLParameters(parameters);
    return socket;
  }

  /** A TLS socket to this port as {@link #connect(int, String)}, its handshake done. */
  SSLSocket handshake(int port, String hostName) throws IOException {
    SSLSocket socket = connect(port, hostName);
    try {
      socket.startHandshake();
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  private static SSLContext context(KeyStore trustStore, @Nullable KeyStore keyStore,
      char[] keyPassword) throws GeneralSecurityException {
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trustStore);
    SSLContext context = SSLContext.getInstance("TLS");
    // No key managers: the client has no certificate to present.
    context.init(keyStore == null ? null : keyManagers(keyStore, keyPassword),
        trust.getTrustManagers(), null);
    return context;
  }

  private static KeyManager[] keyManagers(KeyStore keyStore, char[] keyPassword)
      throws GeneralSecurityException {
    KeyManagerFactory keys =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(keyStore, keyPassword);
    return keys.getKeyManagers();
  }
}
