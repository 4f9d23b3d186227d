package io.mqttloop.tck.broker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MosquittoBrokerTest {
  private static final MosquittoConfig WITH_ALICE =
      MosquittoConfig.defaults().withUser("alice", "right password");

  @Test
  void refusesAWrongPasswordWithConnackNotAuthorized() throws IOException {
    try (MosquittoBroker broker = Brokers.mosquittoWith(WITH_ALICE);
        MqttProbe client = MqttProbe.open(broker)) {
      // Mosquitto 2.0 answers 5, not 4 (bad user name or password), to an MQTT 3.1.1 client.
      assertEquals(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED,
          client.connect("wrong-password", "alice", "wrong password")
              .variableHeader().connectReturnCode());
      client.expectClosedByBroker();
    }
  }

  @Test
  void acceptsAUserWithTheRightPassword() throws IOException {
    try (MosquittoBroker broker = Brokers.mosquittoWith(WITH_ALICE);
        MqttProbe client = MqttProbe.open(broker)) {
      assertEquals(MqttConnectReturnCode.CONNECTION_ACCEPTED,
          client.connect("right-password", "alice", "right password")
              .variableHeader().connectReturnCode());
    }
  }

  @Test
  void refusesAnonymousClientsOnceUsersAreConfigured() throws IOException {
    try (MosquittoBroker broker = Brokers.mosquittoWith(WITH_ALICE);
        MqttProbe client = MqttProbe.open(broker)) {
      assertEquals(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED,
          client.connect("anonymous", null, null).variableHeader().connectReturnCode());
    }
  }

  @Test
  void namesTheMissingSettingWhenAskedForThePortOfAListenerItLacks() {
    try (MosquittoBroker broker = Brokers.mosquittoWith(MosquittoConfig.defaults())) {
      IllegalStateException tls = assertThrows(IllegalStateException.class, broker::tlsPort);
      IllegalStateException webSocket =
          assertThrows(IllegalStateException.class, broker::webSocketPort);
      IllegalStateException secure =
          assertThrows(IllegalStateException.class, broker::secureWebSocketPort);

      assertTrue(tls.getMessage().contains("no TLS listener"), tls.getMessage());
      assertTrue(tls.getMessage().endsWith("MosquittoConfig.withTls"), tls.getMessage());
      assertTrue(webSocket.getMessage().endsWith("MosquittoConfig.withWebSockets"),
          webSocket.getMessage());
      assertTrue(secure.getMessage().endsWith("MosquittoConfig.withSecureWebSockets"),
          secure.getMessage());
    }
  }

  @Test
  void startsEveryListenerOnAPortOfItsOwnBeforeReturning() {
    MosquittoConfig config = MosquittoConfig.defaults().withTls(TestCertificates.shared())
        .withWebSockets().withSecureWebSockets(TestCertificates.shared());

    try (MosquittoBroker broker = Brokers.mosquittoWith(config)) {
      List<Integer> ports = List.of(broker.port(), broker.tlsPort(), broker.webSocketPort(),
          broker.secureWebSocketPort());

      assertEquals(4, Set.copyOf(ports).size(), ports::toString);
      for (int port : ports) {
        assertTrue(Loopback.accepts(port), () -> "nothing listens on " + port + " of " + broker);
      }
    }
  }

  @Test
  void listensForTlsOnNoOtherLoopbackAddress() {
    MosquittoConfig config = MosquittoConfig.defaults().withTls(TestCertificates.shared());

    try (MosquittoBroker broker = Brokers.mosquittoWith(config)) {
      assertThrows(ConnectException.class, () -> {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress("127.0.0.2", broker.tlsPort()), 2_000);
        }
      });
    }
  }

  @Test
  void closeEndsTheProcessFreesThePortAndDeletesItsDirectory() throws IOException {
    MosquittoBroker broker = Brokers.mosquittoWith(MosquittoConfig.defaults());
    Path directory = broker.directory();
    assertTrue(Files.exists(directory.resolve("mosquitto.conf")), "config written");

    broker.close();

    assertFalse(ProcessHandle.of(broker.pid()).map(ProcessHandle::isAlive).orElse(false),
        "mosquitto still running");
    assertFalse(Files.exists(directory), "directory left behind");
    try (ServerSocket rebound =
        new ServerSocket(broker.port(), 1, InetAddress.getByName(broker.host()))) {
      assertEquals(broker.port(), rebound.getLocalPort());
    }
    broker.close();
  }

  @Test
  void reportsWhatAProgramThatExitsBeforeListeningPrinted(@TempDir Path bin) throws IOException {
    fakeMosquitto(bin, "echo \"fake mosquitto refuses $2\" >&2", "exit 3");

    BrokerStartException failure = assertThrows(BrokerStartException.class,
        () -> MosquittoBroker.start(MosquittoConfig.defaults(), MosquittoFinder.in(List.of(bin))));

    assertTrue(failure.getMessage().contains("exited with code 3"), failure.getMessage());
    assertTrue(failure.getMessage().contains("fake mosquitto refuses"), failure.getMessage());
    assertTrue(failure.getMessage().contains("mosquitto.conf"), failure.getMessage());
  }

  @Test
  void givesUpOnAProgramThatNeverListensAndKillsIt(@TempDir Path bin) throws IOException {
    Path pidFile = bin.resolve("pid");
    fakeMosquitto(bin, "echo $$ > " + pidFile, "exec sleep 60");
    MosquittoConfig impatient =
        MosquittoConfig.defaults().withStartupTimeout(Duration.ofMillis(500));

    BrokerStartException failure = assertThrows(BrokerStartException.class,
        () -> MosquittoBroker.start(impatient, MosquittoFinder.in(List.of(bin))));

    assertTrue(failure.getMessage().contains("did not accept connections"), failure.getMessage());
    long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).strip());
    await().atMost(Duration.ofSeconds(5))
        .until(() -> ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true));
  }

  @Test
  void triesAnotherPortWhenItsPortWasTakenFirst(@TempDir Path bin) throws IOException {
    Optional<Path> realMosquitto = MosquittoFinder.fromEnvironment().broker();
    assumeTrue(realMosquitto.isPresent(), "needs mosquitto");
    Path tried = bin.resolve("tried");
    // The first start fails as mosquitto does when another process took its port.
    fakeMosquitto(bin,
        "if [ ! -e " + tried + " ]; then",
        "  touch " + tried,
        "  echo \"Error: Address already in use\" >&2",
        "  exit 1",
        "fi",
        "exec " + realMosquitto.get() + " \"$@\"");

    try (MosquittoBroker broker =
        MosquittoBroker.start(MosquittoConfig.defaults(), MosquittoFinder.in(List.of(bin)));
        MqttProbe client = MqttProbe.open(broker)) {
      assertTrue(Files.exists(tried), "the first start did not run");
      assertEquals(MqttConnectReturnCode.CONNECTION_ACCEPTED,
          client.connect("second-port", null, null).variableHeader().connectReturnCode());
    }
  }

  @Test
  void failsWithTheSearchedPlacesWhenNotInstalled(@TempDir Path empty) {
    MosquittoFinder finder = MosquittoFinder.in(List.of(empty));

    BrokerStartException failure = assertThrows(BrokerStartException.class,
        () -> MosquittoBroker.start(MosquittoConfig.defaults(), finder));

    assertEquals("no mosquitto binary found on " + empty, failure.getMessage());
  }

  private static void fakeMosquitto(Path bin, String... lines) throws IOException {
    Path program = bin.resolve("mosquitto");
    Files.writeString(program, "#!/bin/sh\n" + String.join("\n", lines) + "\n");
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
  }
}
