package io.mqttloop.tck.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MosquittoConfigTest {
  private static final TlsFiles SERVER_FILES =
      new TlsFiles(Path.of("ca.pem"), Path.of("server.pem"), Path.of("server.key"));
  private static final TlsFiles OTHER_FILES =
      new TlsFiles(Path.of("ca.pem"), Path.of("other.pem"), Path.of("other.key"));

  @Test
  void defaultsAllowAnonymousClients() {
    MosquittoConfig defaults = MosquittoConfig.defaults();

    assertTrue(defaults.allowsAnonymous());
    assertEquals(20, defaults.maxInflightMessages());
    assertEquals(Duration.ofSeconds(10), defaults.startupTimeout());
  }

  @Test
  void addingAUserKeepsTheOthersAndRefusesAnonymousClients() {
    MosquittoConfig config = MosquittoConfig.defaults().withUser("alice", "a").withUser("bob", "b");

    assertEquals(Map.of("alice", "a", "bob", "b"), config.users());
    assertFalse(config.allowsAnonymous());
  }

  @Test
  void neverShowsAPasswordInToString() {
    String shown = MosquittoConfig.defaults().withUser("alice", "s3cret").toString();

    assertTrue(shown.contains("alice"), shown);
    assertFalse(shown.contains("s3cret"), shown);
  }

  @Test
  void refusesAUserNameThePasswordFileCannotHold() {
    IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
        () -> MosquittoConfig.defaults().withUser("ali:ce", "pw"));

    assertTrue(failure.getMessage().startsWith("user name must be"), failure.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> MosquittoConfig.defaults().withUser("", "pw"));
    assertThrows(IllegalArgumentException.class,
        () -> MosquittoConfig.defaults().withUser("alice", "two\nlines"));
  }

  @Test
  void refusesANegativeWindowAndANonPositiveTimeout() {
    assertThrows(IllegalArgumentException.class,
        () -> MosquittoConfig.defaults().withMaxInflightMessages(-1));
    assertThrows(IllegalArgumentException.class,
        () -> MosquittoConfig.defaults().withStartupTimeout(Duration.ZERO));
  }

  @Test
  void defaultsServeThePlainMqttListenerAlone() {
    assertEquals(MosquittoListeners.none(), MosquittoConfig.defaults().listeners());
    assertFalse(MosquittoConfig.defaults().listeners().hasTls());
  }

  @Test
  void addsListenersAndKeepsEveryOtherSetting() {
    MosquittoConfig config = MosquittoConfig.defaults().withUser("alice", "a")
        .withTls(SERVER_FILES).withWebSockets().withSecureWebSockets(OTHER_FILES)
        .withClientCertificatesRequired().withMaxInflightMessages(3);

    assertEquals(new MosquittoListeners(SERVER_FILES, true, OTHER_FILES, true),
        config.listeners());
    assertEquals(Map.of("alice", "a"), config.users());
    assertEquals(3, config.maxInflightMessages());
  }

  @Test
  void refusesMissingTlsFilesNamingTheSetting() {
    NullPointerException tls = assertThrows(NullPointerException.class,
        () -> MosquittoConfig.defaults().withTls((TlsFiles) null));
    NullPointerException secure = assertThrows(NullPointerException.class,
        () -> MosquittoConfig.defaults().withSecureWebSockets((TlsFiles) null));
    NullPointerException certificates = assertThrows(NullPointerException.class,
        () -> MosquittoConfig.defaults().withTls((TestCertificates) null));

    assertEquals("tls", tls.getMessage());
    assertEquals("secureWebSockets", secure.getMessage());
    assertEquals("certificates", certificates.getMessage());
  }

  @Test
  void refusesTlsFilesWithAMissingFileNamingIt() {
    NullPointerException failure = assertThrows(NullPointerException.class,
        () -> new TlsFiles(Path.of("ca.pem"), Path.of("server.pem"), null));

    assertEquals("keyFile", failure.getMessage());
  }

  @Test
  void refusesToRequireClientCertificatesWithoutATlsListener() {
    IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
        () -> MosquittoConfig.defaults().withWebSockets().withClientCertificatesRequired());

    assertTrue(failure.getMessage().startsWith("clientCertificatesRequired needs a TLS listener"),
        failure.getMessage());
    assertTrue(failure.getMessage().contains("withTls"), failure.getMessage());
  }

  @Test
  void refusesNoListenersNamingTheSetting() {
    NullPointerException failure = assertThrows(NullPointerException.class,
        () -> new MosquittoConfig(Map.of(), 20, Duration.ofSeconds(1), false, null));

    assertEquals("listeners", failure.getMessage());
  }
}
