package io.mqttloop.tck.broker;

import java.io.File;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.testcontainers.DockerClientFactory;

/**
 * The Docker of this machine, as Testcontainers would find it, probed once and remembered.
 *
 * <p>Where there is no Docker, Testcontainers tries each of its ways to find one and logs every
 * failure, some with stack traces. So this looks first, in a few milliseconds and without a
 * word in the log, for anything Testcontainers could follow: a {@code DOCKER_HOST} variable, a
 * {@code ~/.testcontainers.properties} file (which may name a host or a strategy), or a Docker
 * socket that accepts connections: {@code /var/run/docker.sock},
 * {@code $XDG_RUNTIME_DIR/docker.sock}, {@code ~/.docker/run/docker.sock} or
 * {@code ~/.docker/desktop/docker.sock}. Only when it finds one does it ask Testcontainers
 * ({@link DockerClientFactory#isDockerAvailable()}), which then connects and starts its
 * clean-up container. A rootless Docker whose socket is elsewhere, or a docker-machine, is
 * found through {@code DOCKER_HOST}.
 */
final class DockerEnvironment implements DockerProbe {
  /** The Docker of the machine this JVM runs on. */
  static final DockerEnvironment THIS_MACHINE = new DockerEnvironment(System.getenv(),
      Path.of(System.getProperty("user.home")), Path.of("/var/run/docker.sock"),
      DockerEnvironment::askTestcontainers);

  private final Map<String, String> environment;
  private final Path home;
  private final Path systemSocket;
  private final Function<String, Optional<String>> testcontainers;
  private boolean probed;
  private @Nullable String reason;

  /**
   * Looks at these environment variables, this home directory and this system-wide socket;
   * where it finds a lead, asks {@code testcontainers}, which is given the lead in words and
   * answers as {@link #whyUnavailable()} does.
   */
  DockerEnvironment(Map<String, String> environment, Path home, Path systemSocket,
      Function<String, Optional<String>> testcontainers) {
    this.environment = Map.copyOf(environment);
    this.home = home;
    this.systemSocket = systemSocket;
    this.testcontainers = testcontainers;
  }

  /** Probes on the first call; later calls give the same answer at once. */
  @Override
  public synchronized Optional<String> whyUnavailable() {
    if (!probed) {
      reason = probe().orElse(null);
      probed = true;
    }
    return Optional.ofNullable(reason);
  }

  /** Follows the first lead to Testcontainers, or says there is none. */
  private Optional<String> probe() {
    Optional<String> configured = configuredLead();
    return configured.isPresent() ? testcontainers.apply(configured.get()) : probeSockets();
  }

  /** A Docker host named by the environment or Testcontainers' own configuration. */
  private Optional<String> configuredLead() {
    String dockerHost = environment.getOrDefault("DOCKER_HOST", "");
    if (!dockerHost.isBlank()) {
      return Optional.of("DOCKER_HOST=" + dockerHost);
    }
    if (Files.exists(propertiesFile())) {
      return Optional.of(propertiesFile().toString());
    }
    if (File.separatorChar == '\\') {
      return Optional.of("the Windows named pipe of Docker");
    }
    return Optional.empty();
  }

  /** Follows the first socket that accepts a connection, or says what each one did. */
  private Optional<String> probeSockets() {
    List<String> refusals = new ArrayList<>();
    for (Path socket : sockets()) {
      Optional<String> refusal = refusal(socket);
      if (refusal.isEmpty()) {
        return testcontainers.apply(socket.toString());
      }
      refusals.add(refusal.get());
    }
    return Optional.of("DOCKER_HOST is not set, " + propertiesFile() + " does not exist, and no"
        + " Docker socket accepts connections (" + String.join(", ", refusals) + ")");
  }

  /** Where Testcontainers looks for a local Docker's socket, in its order. */
  private List<Path> sockets() {
    List<Path> sockets = new ArrayList<>(List.of(systemSocket));
    String runtimeDirectory = environment.getOrDefault("XDG_RUNTIME_DIR", "");
    if (!runtimeDirectory.isBlank()) {
      sockets.add(Path.of(runtimeDirectory, "docker.sock"));
    }
    sockets.add(home.resolve(".docker/run/docker.sock"));
    sockets.add(home.resolve(".docker/desktop/docker.sock"));
    return sockets;
  }

  /** Testcontainers' file of settings, which may name a Docker host or a strategy. */
  private Path propertiesFile() {
    return home.resolve(".testcontainers.properties");
  }

  /** Empty when the socket accepts a connection; otherwise what stops it, in words. */
  private static Optional<String> refusal(Path socket) {
    if (!Files.exists(socket)) {
      return Optional.of(socket + ": absent");
    }
    try {
      SocketChannel.open(UnixDomainSocketAddress.of(socket)).close();
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.of(socket + ": " + e.getMessage());
    }
  }

  /** Whether Testcontainers, following its own configuration, can use Docker. */
  private static Optional<String> askTestcontainers(String lead) {
    try {
      return DockerClientFactory.instance().isDockerAvailable() ? Optional.empty()
          : Optional.of("Testcontainers found no working Docker through " + lead
              + " (its log says why)");
    } catch (RuntimeException e) {
      return Optional.of("Testcontainers failed to use Docker through " + lead + ": " + e);
    }
  }
}
