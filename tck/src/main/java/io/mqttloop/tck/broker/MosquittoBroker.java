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
  private final int port;
  private final Path directory;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Process process;

  private MosquittoBroker(Path program, MosquittoConfig config, @Nullable Path passwordFile,
      Process process, int port, Path directory) {
    this.program = program;
    this.config = config;
    this.passwordFile = passwordFile;
    this.process = process;
    this.port = port;
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
   * Starts mosquitto with this configuration and returns once it accepts connections, within
   * {@link MosquittoConfig#startupTimeout()}.
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
    return port;
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
    LOG.debug("stopped mosquitto on {}:{}", Loopback.HOST, port);
  }

  /**
   * Stops mosquitto as {@link #close()} does, but keeps its directory, and starts it again on the
   * same port; returns once it accepts connections. With {@link MosquittoConfig#persistence()},
   * it comes back with the sessions and queued messages it saved when it stopped.
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
    return "mosquitto on " + Loopback.HOST + ":" + port + " (pid " + process.pid() + ")";
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
      MosquittoBroker broker =
          launch(program, config, directory, passwordFile, Loopback.freePort());
      try {
        broker.awaitListening(config.startupTimeout());
        LOG.debug("started {} from {}", broker, program);
        return broker;
      } catch (RuntimeException e) {
        broker.stopProcess();
        if (attempt == PORT_ATTEMPTS || !broker.lostItsPort()) {
          throw e;
        }
        LOG.debug("port {} was taken before mosquitto could bind it; trying another", broker.port);
      }
    }
  }

  private static MosquittoBroker launch(Path program, MosquittoConfig config, Path directory,
      @Nullable Path passwordFile, int port) {
    Path confFile = directory.resolve("mosquitto.conf");
    Path logFile = directory.resolve("mosquitto.log");
    String conf = MosquittoConfFile.render(
        config, port, logFile, passwordFile, System.getProperty("user.name"));
    writeAfresh(confFile, conf);
    writeAfresh(logFile, "");

    Process process = launchProcess(program, confFile, directory);
    return new MosquittoBroker(program, config, passwordFile, process, port, directory);
  }

  private static Process launchProcess(Path program, Path confFile, Path directory) {
    ProcessBuilder builder = new ProcessBuilder(program.toString(), "-c", confFile.toString())
        .directory(directory.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(
            directory.resolve("mosquitto.out").toFile()));
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      return process;
    } catch (IOException e) {
      throw new BrokerStartException("cannot run " + program, e);
    }
  }

  private void awaitListening(Duration timeout) {
    try {
      Awaitility.await("mosquitto listening on " + Loopback.HOST + ":" + port)
          .atMost(timeout)
          .pollDelay(Duration.ZERO)
          .pollInterval(POLL_INTERVAL)
          .until(() -> !process.isAlive() || Loopback.accepts(port));
    } catch (ConditionTimeoutException e) {
      throw failure("did not accept connections on " + Loopback.HOST + ":" + port + " within "
          + timeout, e);
    }
    if (!process.isAlive()) {
      throw failure("exited with code " + process.exitValue() + " before it listened", null);
    }
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
    return mentionsAddressInUse(directory.resolve("mosquitto.log"))
        || mentionsAddressInUse(directory.resolve("mosquitto.out"));
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

  private static boolean mentionsAddressInUse(Path file) {
    try {
      return Files.exists(file)
          && new String(Files.readAllBytes(file), StandardCharsets.UTF_8)
              .contains("Address already in use");
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
