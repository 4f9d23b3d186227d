package io.mqttloop.tck.broker;

import io.moquette.BrokerConstants;
import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Moquette broker running inside this JVM on a free port of 127.0.0.1, for machines where
 * mosquitto is not installed. It keeps everything in memory, has no WebSocket or TLS listener,
 * reports nothing to anyone (Moquette's telemetry is off) and accepts anonymous clients.
 *
 * <p>Moquette differs from mosquitto in ways a test may notice: it resends unacknowledged QoS 1
 * and 2 messages once 5 seconds pass without a write to the client, keeps at most 10 of them in
 * flight per client, and runs threads in this JVM, some of them (Netty's workers) started only by
 * the first connections, which a test counting threads must allow for.
 *
 * <p>Moquette 0.17 also has a race: it takes a connection for connected only some time after it
 * has written the CONNACK, and closes a connection whose SUBSCRIBE arrives within that time (a
 * few in a hundred when the client subscribes as soon as it reads the CONNACK, with Netty 4.1 as
 * with 4.2). Tests that subscribe at once therefore belong on mosquitto, or must tolerate it.
 */
public final class EmbeddedBroker implements TestBroker {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

  /** A port chosen free can be taken by another process before Moquette binds it. */
  private static final int PORT_ATTEMPTS = 3;

  /** MQTT's largest remaining length, so that the broker never refuses a packet by its size. */
  private static final int MAX_PACKET_BYTES = 268_435_455;

  /**
   * Commands waiting for each of Moquette's session threads. When its queue is full Moquette
   * drops the command, and with it a message, so the queue is made far deeper than its 1024.
   */
  private static final int SESSION_QUEUE_SIZE = 65_536;

  private final Server server;
  private final MoquetteConnections connections;
  private final int port;
  private final Path directory;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedBroker(
      Server server, MoquetteConnections connections, int port, Path directory) {
    this.server = server;
    this.connections = connections;
    this.port = port;
    this.directory = directory;
  }

  /**
   * Starts a Moquette broker and returns once it listens.
   *
   * @throws BrokerStartException when Moquette cannot start or bind a port
   */
  public static EmbeddedBroker start() {
    Path directory = TempDirectories.create("mqttloop-moquette-");
    try {
      return startOnAFreePort(directory);
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
    return "embedded";
  }

  /**
   * Stops the server, which closes its connections and its port and ends its threads, and
   * deletes its directory. Moquette lets its event loops drain for up to two seconds.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.stopServer();
    TempDirectories.delete(directory);
    LOG.debug("stopped the embedded broker on {}:{}", Loopback.HOST, port);
  }

  @Override
  public String toString() {
    return "embedded Moquette broker on " + Loopback.HOST + ":" + port;
  }

  /**
   * Waits until Moquette has finished connecting this client, after which it accepts a SUBSCRIBE
   * from it; see {@link MoquetteConnections} for why a CONNACK is not enough.
   *
   * @throws org.awaitility.core.ConditionTimeoutException when that takes longer than the timeout
   */
  void awaitConnected(String clientId, Duration timeout) {
    Awaitility.await("Moquette connecting " + clientId)
        .atMost(timeout)
        .pollInSameThread()
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(5))
        .until(() -> connections.isConnected(clientId));
  }

  /** Waits until Moquette has finished connecting the client; see {@link #awaitConnected}. */
  @Override
  public void awaitReadyFor(String clientId, Duration timeout) {
    awaitConnected(clientId, timeout);
  }

  /** The private directory of this broker, deleted by {@link #close()}. */
  Path directory() {
    return directory;
  }

  /**
   * Moquette's settings for a broker on this port. Any setting left out takes Moquette's default,
   * and some of those would listen on every interface, persist to the working directory, or send
   * telemetry to Moquette's authors.
   */
  static Properties settings(int port, Path directory) {
    Properties settings = new Properties();
    settings.setProperty(IConfig.HOST_PROPERTY_NAME, Loopback.HOST);
    settings.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(port));
    settings.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
    settings.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
    // Nothing should be written there; this keeps any file Moquette still writes out of the
    // working directory.
    settings.setProperty(IConfig.DATA_PATH_PROPERTY_NAME, directory.toString());
    settings.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
    // MQTT 3.1.1 allows an empty client id with a clean session, and mosquitto accepts it.
    settings.setProperty(BrokerConstants.ALLOW_ZERO_BYTE_CLIENT_ID_PROPERTY_NAME, "true");
    settings.setProperty(IConfig.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(MAX_PACKET_BYTES));
    settings.setProperty(IConfig.SESSION_QUEUE_SIZE, Integer.toString(SESSION_QUEUE_SIZE));
    settings.setProperty(IConfig.BUFFER_FLUSH_MS_PROPERTY_NAME, "immediate");
    settings.setProperty(BrokerConstants.NETTY_EPOLL_PROPERTY_NAME, "false");
    settings.setProperty(BrokerConstants.METRICS_ENABLE_PROPERTY_NAME, "false");
    settings.setProperty(BrokerConstants.BUGSNAG_ENABLE_PROPERTY_NAME, "false");
    return settings;
  }

  private static EmbeddedBroker startOnAFreePort(Path directory) {
    for (int attempt = 1; ; attempt++) {
      int port = Loopback.freePort();
      Server server = new Server();
      MoquetteConnections connections = new MoquetteConnections();
      try {
        server.startServer(new MemoryConfig(settings(port, directory)), List.of(connections));
        LOG.debug("started the embedded Moquette broker on {}:{}", Loopback.HOST, port);
        return new EmbeddedBroker(server, connections, port, directory);
      } catch (IOException | RuntimeException e) {
        stopAfterFailure(server, e);
        if (attempt == PORT_ATTEMPTS || !isBindFailure(e)) {
          throw new BrokerStartException(
              "the embedded Moquette broker did not start on " + Loopback.HOST + ":" + port, e);
        }
        LOG.debug("port {} was taken before Moquette could bind it; trying another", port);
      }
    }
  }

  private static void stopAfterFailure(Server server, Exception failure) {
    try {
      server.stopServer();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private static boolean isBindFailure(Throwable failure) {
    for (@Nullable Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof BindException) {
        return true;
      }
    }
    return false;
  }
}
