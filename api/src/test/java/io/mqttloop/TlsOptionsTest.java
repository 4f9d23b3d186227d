package io.mqttloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsOptionsTest {
  @TempDir
  Path directory;

  @Test
  void theDefaultsTrustTheJdkAndVerifyTheHostName() {
    TlsOptions tls = TlsOptions.defaults();

    assertNotNull(tls.context());
    assertTrue(tls.hostnameVerification());
    assertEquals(List.of(), tls.alpnProtocols());
    assertTrue(tls.toString().contains("trust=the JDK's authorities"), tls.toString());
  }

  @Test
  void aGivenContextIsUsedAsItIs() throws Exception {
    SSLContext mine = SSLContext.getInstance("TLS");
    mine.init(null, null, null);

    TlsOptions tls = TlsOptions.builder().sslContext(mine).withoutHostnameVerification()
        .serverName("broker.example").alpnProtocols("mqtt").protocols("TLSv1.3").build();

    assertSame(mine, tls.context());
    assertFalse(tls.hostnameVerification());
    assertEquals("broker.example", tls.serverName());
    assertEquals(List.of("mqtt"), tls.alpnProtocols());
    assertEquals(List.of("TLSv1.3"), tls.protocols());
  }

  @Test
  void aMissingTrustStoreIsRefusedNamingTheFile() {
    Path missing = directory.resolve("missing.p12");

    String message = refusal(() -> TlsOptions.builder().trustStore(missing, "pw".toCharArray())
        .build());

    assertEquals("trustStore " + missing + " is not a readable file", message);
  }

  @Test
  void aWrongPasswordIsRefusedNamingTheFile() throws Exception {
    Path store = emptyStore("right");

    String message = refusal(() -> TlsOptions.builder().trustStore(store, "wrong".toCharArray())
        .build());

    assertTrue(message.startsWith("trustStore " + store
        + " cannot be read as a key store with that password"), message);
  }

  @Test
  void aStoreWithoutCertificatesOrKeysIsRefused() throws Exception {
    Path store = emptyStore("pw");

    assertEquals("trustStore " + store + " holds no certificate", refusal(
        () -> TlsOptions.builder().trustStore(store, "pw".toCharArray()).build()));
    assertEquals("keyStore " + store + " holds no private key", refusal(
        () -> TlsOptions.builder().keyStore(store, "pw".toCharArray()).build()));
  }

  @Test
  void aPemFileWithoutCertificatesIsRefused() throws Exception {
    Path pem = directory.resolve("junk.pem");
    Files.writeString(pem, "-----BEGIN CERTIFICATE-----\nnot base64 at all\n"
        + "-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);

    String message = refusal(() -> TlsOptions.builder().trustPem(pem).build());

    assertTrue(message.startsWith("trustPem " + pem + " cannot be read as PEM certificates"),
        message);
  }

  @Test
  void blankNamesAreRefusedByField() {
    assertEquals("serverName must not be blank",
        refusal(() -> TlsOptions.builder().serverName(" ")));
    assertEquals("alpnProtocols must not hold a blank name, was [mqtt, ]",
        refusal(() -> TlsOptions.builder().alpnProtocols("mqtt", "")));
    assertThrows(NullPointerException.class, () -> TlsOptions.builder().trustPem(null));
  }

  @Test
  void anUninitialisedContextAnUnknownProtocolOrABadServerNameIsRefused() throws Exception {
    assertTrue(refusal(() -> TlsOptions.builder().sslContext(SSLContext.getInstance("TLS"))
        .build()).startsWith("sslContext cannot make an engine, is it initialised?"));
    assertTrue(refusal(() -> TlsOptions.builder().protocols("TLSv9").build())
        .startsWith("protocols holds TLSv9, which the TLS context does not support"));
    assertTrue(refusal(() -> TlsOptions.builder().serverName("bad name_with space"))
        .startsWith("serverName must be a host name, was 'bad name_with space'"));
  }

  @Test
  void toStringNeverShowsAPassword() throws Exception {
    Path store = emptyStore("secret-pw");

    assertFalse(refusal(() -> TlsOptions.builder().keyStore(store, "secret-pw".toCharArray())
        .build()).contains("secret-pw"));
  }

  private Path emptyStore(String password) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    Path file = Files.createTempFile(directory, "empty", ".p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password.toCharArray());
    }
    return file;
  }

  private static String refusal(org.junit.jupiter.api.function.Executable building) {
    return assertThrows(IllegalArgumentException.class, building).getMessage();
  }
}
