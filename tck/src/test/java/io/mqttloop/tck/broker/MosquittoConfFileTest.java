package io.mqttloop.tck.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MosquittoConfFileTest {
  private static final Path LOG = Path.of("/tmp/broker/mosquitto.log");
  private static final MosquittoPorts PORTS = MosquittoPorts.plain(18830);
  private static final MosquittoPorts ALL_PORTS = new MosquittoPorts(18830, 18831, 18832, 18833);
  private static final TlsFiles SERVER_FILES = new TlsFiles(Path.of("/tmp/certs/ca.pem"),
      Path.of("/tmp/certs/server.pem"), Path.of("/tmp/certs/server.key"));

  @Test
  void listensOnOneLoopbackPortAndNowhereElse() {
    List<String> lines = lines(MosquittoConfig.defaults(), null);

    assertEquals(List.of("listener 18830 127.0.0.1"), startingWith(lines, "listener "));
    assertEquals(List.of(), startingWith(lines, "port "));
    assertEquals(List.of(), startingWith(lines, "bind_address "));
  }

  @Test
  void keepsNothingOnDiskDropsNoQueuedMessageAndLogsToItsFile() {
    List<String> lines = lines(MosquittoConfig.defaults().withMaxInflightMessages(7), null);

    assertTrue(lines.contains("persistence false"), lines::toString);
    assertTrue(lines.contains("max_queued_messages 1000000"), lines::toString);
    assertTrue(lines.contains("max_inflight_messages 7"), lines::toString);
    assertTrue(lines.contains("log_dest file " + LOG), lines::toString);
    // Debian's mosquitto 2.0.11 refuses "max_packet_size 0" and the default has no limit.
    assertEquals(List.of(), startingWith(lines, "max_packet_size"));
  }

  @Test
  void allowsAnonymousClientsWhenNoUserIsGiven() {
    List<String> lines = lines(MosquittoConfig.defaults(), null);

    assertTrue(lines.contains("allow_anonymous true"), lines::toString);
    assertEquals(List.of(), startingWith(lines, "password_file"));
  }

  @Test
  void requiresAPasswordWhenUsersAreGiven() {
    Path passwords = Path.of("/tmp/broker/passwords");
    List<String> lines = lines(MosquittoConfig.defaults().withUser("alice", "pw"), passwords);

    assertTrue(lines.contains("allow_anonymous false"), lines::toString);
    assertTrue(lines.contains("password_file " + passwords), lines::toString);
  }

  @Test
  void staysTheUserWhoStartedIt() {
    assertTrue(lines(MosquittoConfig.defaults(), null).contains("user tester"));
  }

  @Test
  void refusesAPathWithWhitespace() {
    IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
        () -> MosquittoConfFile.render(MosquittoConfig.defaults(), PORTS,
            Path.of("/tmp/my broker/mosquitto.log"), null, "tester"));

    assertTrue(failure.getMessage().contains("/tmp/my broker/mosquitto.log"));
  }

  @Test
  void hasNoPasswordInIt() {
    String text = MosquittoConfFile.render(MosquittoConfig.defaults().withUser("alice", "s3cret"),
        PORTS, LOG, Path.of("/tmp/broker/passwords"), "tester");

    assertFalse(text.contains("s3cret"));
  }

  @Test
  void addsATlsListenerOnLoopbackWithItsFilesAndNoClientCertificateByDefault() {
    String text = render(MosquittoConfig.defaults().withTls(SERVER_FILES), ALL_PORTS);

    assertTrue(text.contains("listener 18830 127.0.0.1\nprotocol mqtt\n"), text);
    assertTrue(text.contains("listener 18831 127.0.0.1\nprotocol mqtt\n"
        + "cafile /tmp/certs/ca.pem\ncertfile /tmp/certs/server.pem\n"
        + "keyfile /tmp/certs/server.key\nrequire_certificate false\n"), text);
    assertFalse(text.contains("18832"), text);
    assertFalse(text.contains("websockets"), text);
  }

  @Test
  void addsPlainAndSecureWebSocketListenersOnTheirOwnPorts() {
    String text = render(
        MosquittoConfig.defaults().withWebSockets().withSecureWebSockets(SERVER_FILES), ALL_PORTS);

    assertTrue(text.contains("listener 18832 127.0.0.1\nprotocol websockets\nlistener"), text);
    assertTrue(text.contains("listener 18833 127.0.0.1\nprotocol websockets\n"
        + "cafile /tmp/certs/ca.pem\n"), text);
    assertFalse(text.contains("18831"), text);
  }

  @Test
  void requiresClientCertificatesOnEveryTlsListenerWhenAsked() {
    MosquittoConfig config = MosquittoConfig.defaults().withTls(SERVER_FILES)
        .withSecureWebSockets(SERVER_FILES).withClientCertificatesRequired();

    List<String> lines = render(config, ALL_PORTS).lines().collect(Collectors.toList());

    assertEquals(List.of("require_certificate true", "require_certificate true"),
        startingWith(lines, "require_certificate"));
  }

  private static String render(MosquittoConfig config, MosquittoPorts ports) {
    return MosquittoConfFile.render(config, ports, LOG, null, "tester");
  }

  private static List<String> lines(MosquittoConfig config, Path passwordFile) {
    return MosquittoConfFile.render(config, PORTS, LOG, passwordFile, "tester").lines()
        .collect(Collectors.toList());
  }

  private static List<String> startingWith(List<String> lines, String prefix) {
    return lines.stream().filter(line -> line.startsWith(prefix)).collect(Collectors.toList());
  }
}
