package io.mqttloop.tck.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code mosquitto} process listening on a free port of 127.0.0.1, started with a configuration
 * written for it into a private temporary directory, with its output and log in files there.
 * Nothing is persisted unless the configuration asks, and no client's queue is ever cut short.
 * The TLS and WebSocket listeners that the configuration asks for each get a free port of their
 * own, told by {@link #tlsPort()}, {@link #webSocketPort()} and {@link #secureWebSocketPort()}.
 *
 * <p>The program is looked up on the PATH, then in /usr/sbin and /usr/local/sbin.
 */
public final class MosquittoBroker implements TestBroker {
  private static final Logger LOG = LoggerFactory.getLogger(MosquittoBroker.class);

  /** A port chosen free can be taken by another process before mosquitto binds it. */
  private static final int PORT_ATTEMPTS = 3;

  private static final Duration POLL_INTERVAL = Duration.ofMillis(20);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  private final Path program;
  private final MosquittoConfig config;
  private final @Nullable Path passwordFile;
  private final MosquittoPorts ports;
  private final Path directory;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Process process;

  private MosquittoBroker(Path program, MosquittoConfig config, @Nullable Path passwordFile,
      Process process, MosquittoPorts ports, Path directory) {
    this.program = program;
    this.config = config;
    this.passwordFile = passwordFile;
    this.process = process;
    this.ports = ports;
    this.directory = directory;
  }

  /**
   * Starts mosquitto with {@link MosquittoConfig#defaults()} and returns once it accepts
   * connections.
   *
   * @throws BrokerStartException when mosquitto is not installed or does not start
   */
  public static MosquittoBroker start() {
    return start(MosquittoConfig.defaults());
  }

  /**
   * Starts mosquitto with this configuration and returns once every listener accepts
   * connections, within {@link MosquittoConfig#startupTimeout()}.
   *
   * @throws BrokerStartException when mosquitto is not installed, or exits or does not listen in
   *     time, with the end of what it printed and logged
   */
  public static MosquittoBroker start(MosquittoConfig config) {
    return start(config, MosquittoFinder.fromEnvironment());
  }

  static MosquittoBroker start(MosquittoConfig config, MosquittoFinder finder) {
    Path program = finder.broker()
        .orElseThrow(() -> new BrokerStartException(finder.notFoundReason()));
    Path directory = TempDirectories.create("mqttloop-mosquitto-");
    try {
      @Nullable Path passwordFile = config.allowsAnonymous()
          ? null
          : MosquittoPasswordFile.write(directory, config.users(), passwdProgram(finder, program));
      return startOnAFreePort(program, config, directory, passwordFile);
    } catch (RuntimeException e) {
      TempDirectories.deleteAfterFailure(directory, e);
      throw e;
    }
  }

  @Override
  public String host() {
    return Loopback.HOST;
  }

  @Override
  public int port() {
    return ports.mqtt();
  }

  /**
   * The port of the MQTT over TLS listener on 127.0.0.1.
   *
   * @throws IllegalStateException when the configuration has no such listener
   */
  public int tlsPort() {
    return configured(ports.tls(), "TLS", "withTls");
  }

  /**
   * The port of the plain WebSocket listener, which serves MQTT at any path.
   *
   * @throws IllegalStateException when the configuration has no such listener
   */
  public int webSocketPort() {
    return configured(ports.webSocket(), "WebSocket", "withWebSockets");
  }

  /**
   * The port of the WebSocket over TLS listener.
   *
   * @throws IllegalStateException when the configuration has no such listener
   */
  public int secureWebSocketPort() {
    return configured(ports.secureWebSocket(), "secure WebSocket", "withSecureWebSockets");
  }

  @Override
  public String kind() {
    return "mosquitto";
  }

  /**
   * Stops mosquitto (SIGTERM, then SIGKILL if it has not exited within 5 seconds), waits for the
   * process to end and deletes its directory. When the calling thread is interrupted, it kills
   * the process without waiting and keeps the interrupt.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    stopProcess();
    TempDirectories.delete(directory);
    LOG.debug("stopped mosquitto on {}", ports);
  }

  /**
   * Stops mosquitto as {@link #close()} does, but keeps its directory, and starts it again on the
   * same ports; returns once every listener accepts connections. With
   * {@link MosquittoConfig#persistence()}, it comes back with the sessions and queued messages it
   * saved when it stopped.
   *
   * @throws BrokerStartException when it does not come back in time
   * @throws IllegalStateException when the broker was closed
   */
  public void restart() {
    if (closed.get()) {
      throw new IllegalStateException("the broker was closed: " + this);
    }
    stopProcess();
    process = launchProcess(program, directory.resolve("mosquitto.conf"), directory);
    awaitListening(config.startupTimeout());
    LOG.debug("restarted {}", this);
  }

  @Override
  public String toString() {
    return "mosquitto on " + ports + " (pid " + process.pid() + ")";
  }

  /** The private directory of this broker, deleted by {@link #close()}. */
  Path directory() {
    return directory;
  }

  /** The id of the mosquitto process. */
  long pid() {
    return process.pid();
  }

  private static MosquittoBroker startOnAFreePort(Path program, MosquittoConfig config,
      Path directory, @Nullable Path passwordFile) {
    for (int attempt = 1; ; attempt++) {
      MosquittoPorts ports = MosquittoPorts.freeFor(config.listeners());
      MosquittoBroker broker = launch(program, config, directory, passwordFile, ports);
      try {
        broker.awaitListening(config.startupTimeout());
        LOG.debug("started {} from {}", broker, program);
        return broker;
      } catch (RuntimeException e) {
        broker.stopProcess();
        if (attempt == PORT_ATTEMPTS || !broker.lostItsPort()) {
          throw e;
        }
        LOG.debug("a port of {} was taken before mosquitto could bind it; trying others", ports);
      }
    }
  }

  private static MosquittoBroker launch(Path program, MosquittoConfig config, Path directory,
      @Nullable Path passwordFile, MosquittoPorts ports) {
    Path confFile = directory.resolve("mosquitto.conf");
    Path logFile = directory.resolve("mosquitto.log");
    String conf = MosquittoConfFile.render(
        config, ports, logFile, passwordFile, System.getProperty("user.name"));
    writeAfresh(confFile, conf);
    writeAfresh(logFile, "");

    Process process = launchProcess(program, confFile, directory);
    return new MosquittoBroker(program, config, passwordFile, process, ports, directory);
  }

  private static Process launchProcess(Path program, Path confFile, Path directory) {
    ProcessBuilder builder = new ProcessBuilder(program.toString(), "-c", confFile.toString())
        .directory(directory.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(
            directory.resolve("mosquitto.out").toFile()));
    return Subprocess.startWithoutInput(builder, BrokerStartException::new);
  }

  private void awaitListening(Duration timeout) {
    try {
      Awaitility.await("mosquitto listening on " + ports)
          .atMost(timeout)
          .pollDelay(Duration.ZERO)
          .pollInterval(POLL_INTERVAL)
          .until(() -> !process.isAlive() || acceptsOnEveryPort());
    } catch (ConditionTimeoutException e) {
      throw failure("did not accept connections on every port of " + ports + " within " + timeout,
          e);
    }
    if (!process.isAlive()) {
      throw failure("exited with code " + process.exitValue() + " before it listened", null);
    }
  }

  private boolean acceptsOnEveryPort() {
    return ports.configured().stream().allMatch(Loopback::accepts);
  }

  private BrokerStartException failure(String what, @Nullable Throwable cause) {
    String message = "mosquitto " + what + "; it printed:\n"
        + LogTail.of(directory.resolve("mosquitto.out"))
        + "and its log ends with:\n" + LogTail.of(directory.resolve("mosquitto.log"));
    return cause == null
        ? new BrokerStartException(message)
        : new BrokerStartException(message, cause);
  }

  private boolean lostItsPort() {
    return mentionsALostPort(directory.resolve("mosquitto.log"))
        || mentionsALostPort(directory.resolve("mosquitto.out"));
  }

  private int configured(int port, String listener, String withMethod) {
    if (port == MosquittoPorts.NONE) {
      throw new IllegalStateException(this + " has no " + listener
          + " listener: configure one with MosquittoConfig." + withMethod);
    }
    return port;
  }

  private void stopProcess() {
    process.destroy();
    if (exitsWithin(STOP_TIMEOUT)) {
      return;
    }
    LOG.warn("mosquitto (pid {}) ignored SIGTERM for {}; killing it", process.pid(), STOP_TIMEOUT);
    process.destroyForcibly();
    if (!exitsWithin(STOP_TIMEOUT)) {
      throw new IllegalStateException("mosquitto (pid " + process.pid() + ") survived SIGKILL");
    }
  }

  private boolean exitsWithin(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      return true;
    }
  }

  private static Path passwdProgram(MosquittoFinder finder, Path program) {
    return finder.passwd(program).orElseThrow(() -> new BrokerStartException(
        "mosquitto_passwd, needed to write the users' password file, is neither beside "
            + program + " nor on the search path"));
  }

  /**
   * Whether mosquitto said it could not bind a port: a plain or TLS listener's bind fails with
   * the system's words, a WebSocket listener's with mosquitto's own.
   */
  private static boolean mentionsALostPort(Path file) {
    try {
      if (!Files.exists(file)) {
        return false;
      }
      String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      return text.contains("Address already in use")
          || text.contains("Unable to create websockets listener");
    } catch (IOException e) {
      return false;
    }
  }

  private static void writeAfresh(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
