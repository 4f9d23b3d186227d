package io.mqttloop.tck.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerEnvironmentTest {
  private static final Function<String, Optional<String>> NOT_TO_BE_ASKED =
      lead -> fail("Testcontainers was asked, following " + lead);

  @TempDir
  Path root;

  private Path home;
  private Path systemSocket;
  private final List<String> leadsFollowed = new ArrayList<>();

  @BeforeEach
  void makeAnEmptyHome() throws IOException {
    home = Files.createDirectory(root.resolve("home"));
    systemSocket = root.resolve("docker.sock");
  }

  @Test
  void saysWhatItLookedAtWhenNothingLeadsToDocker() {
    DockerEnvironment docker = new DockerEnvironment(Map.of(), home, systemSocket, NOT_TO_BE_ASKED);

    assertEquals(Optional.of("DOCKER_HOST is not set, " + home.resolve(".testcontainers.properties")
        + " does not exist, and no Docker socket accepts connections (" + systemSocket
        + ": absent, " + home.resolve(".docker/run/docker.sock") + ": absent, "
        + home.resolve(".docker/desktop/docker.sock") + ": absent)"), docker.whyUnavailable());
  }

  @Test
  void takesASocketFileThatRefusesConnectionsForNoLead() throws IOException {
    Files.writeString(systemSocket, "left behind by a daemon long gone");

    Optional<String> reason =
        new DockerEnvironment(Map.of(), home, systemSocket, NOT_TO_BE_ASKED).whyUnavailable();

    assertTrue(reason.orElseThrow().contains("(" + systemSocket + ": "), reason.orElseThrow());
    assertFalse(reason.orElseThrow().contains(systemSocket + ": absent"), reason.orElseThrow());
  }

  @Test
  void followsDockerHostToTestcontainersAndGivesItsAnswer() {
    DockerEnvironment docker = new DockerEnvironment(Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375"),
        home, systemSocket, this::testcontainersWithoutDocker);

    assertEquals(Optional.of("no daemon at DOCKER_HOST=tcp://127.0.0.1:2375"),
        docker.whyUnavailable());
  }

  @Test
  void followsTheTestcontainersPropertiesFile() throws IOException {
    Path properties = Files.writeString(home.resolve(".testcontainers.properties"), "");

    new DockerEnvironment(Map.of(), home, systemSocket, this::testcontainersWithDocker)
        .whyUnavailable();

    assertEquals(List.of(properties.toString()), leadsFollowed);
  }

  @Test
  void followsASocketThatAcceptsConnections() throws IOException {
    Path runtimeDirectory = Files.createDirectory(root.resolve("run"));
    Path socket = runtimeDirectory.resolve("docker.sock");
    try (ServerSocketChannel daemon = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      daemon.bind(UnixDomainSocketAddress.of(socket));

      Optional<String> reason = new DockerEnvironment(
          Map.of("XDG_RUNTIME_DIR", runtimeDirectory.toString()), home, systemSocket,
          this::testcontainersWithDocker).whyUnavailable();

      assertEquals(Optional.empty(), reason);
      assertEquals(List.of(socket.toString()), leadsFollowed);
    }
  }

  @Test
  void asksTestcontainersOnceHoweverOftenItIsAsked() {
    DockerEnvironment docker = new DockerEnvironment(Map.of("DOCKER_HOST", "unix:///run/d.sock"),
        home, systemSocket, this::testcontainersWithDocker);

    docker.whyUnavailable();
    docker.whyUnavailable();

    assertEquals(List.of("DOCKER_HOST=unix:///run/d.sock"), leadsFollowed);
  }

  private Optional<String> testcontainersWithDocker(String lead) {
    leadsFollowed.add(lead);
    return Optional.empty();
  }

  private Optional<String> testcontainersWithoutDocker(String lead) {
    leadsFollowed.add(lead);
    return Optional.of("no daemon at " + lead);
  }
}
