package io.mqttloop.tck.broker;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * How to start a {@link MosquittoBroker}: its users, its delivery window, how long to wait for it
 * to listen and which listeners it serves. Start from {@link #defaults()} and change what a test
 * needs with the {@code with} methods. There is always a plain MQTT listener on a free port of
 * 127.0.0.1; TLS and WebSocket listeners are added by {@link #withTls(TestCertificates)},
 * {@link #withWebSockets()} and {@link #withSecureWebSockets(TestCertificates)}.
 *
 * <p>{@link #toString()} shows the user names, never the passwords.
 *
 * @param users user name to password; when empty anyone may connect without credentials, when
 *     not, only these users may connect, each with its password
 * @param maxInflightMessages how many QoS 1 and 2 messages mosquitto sends to one client before
 *     it waits for their acknowledgements; 0 for no limit
 * @param startupTimeout how long {@link MosquittoBroker#start(MosquittoConfig)} waits for
 *     mosquitto to accept TCP connections before it gives up
 * @param persistence whether mosquitto keeps its sessions and queued messages on disk, in its
 *     private directory, so that they survive {@link MosquittoBroker#restart()}
 * @param listeners the listeners it serves besides its plain MQTT one
 */
public record MosquittoConfig(Map<String, String> users, int maxInflightMessages,
    Duration startupTimeout, boolean persistence, MosquittoListeners listeners) {

  /** Mosquitto's own default window of outgoing QoS 1 and 2 messages. */
  private static final int DEFAULT_MAX_INFLIGHT_MESSAGES = 20;

  private static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Checks and copies the settings.
   *
   * @throws IllegalArgumentException when a user name is empty or holds a colon or a line break,
   *     a password holds a line break, the window is negative or the timeout is not positive
   * @throws NullPointerException naming the setting that is null
   */
  public MosquittoConfig {
    Objects.requireNonNull(users, "users").forEach(MosquittoConfig::checkUser);
    users = Map.copyOf(users);
    if (maxInflightMessages < 0) {
      throw new IllegalArgumentException(
          "maxInflightMessages must be 0 (no limit) or more, was " + maxInflightMessages);
    }
    Objects.requireNonNull(startupTimeout, "startupTimeout");
    if (startupTimeout.isNegative() || startupTimeout.isZero()) {
      throw new IllegalArgumentException("startupTimeout must be positive, was " + startupTimeout);
    }
    Objects.requireNonNull(listeners, "listeners");
  }

  /**
   * Anonymous clients allowed, a window of 20 messages, 10 seconds to start, nothing on disk and
   * no listener but the plain MQTT one.
   */
  public static MosquittoConfig defaults() {
    return new MosquittoConfig(Map.of(), DEFAULT_MAX_INFLIGHT_MESSAGES, DEFAULT_STARTUP_TIMEOUT,
        false, MosquittoListeners.none());
  }

  /**
   * This configuration with one more user, which makes the broker refuse anonymous clients.
   *
   * @throws IllegalArgumentException when the name is empty or holds a colon or a line break, or
   *     the password holds a line break
   */
  public MosquittoConfig withUser(String name, String password) {
    Map<String, String> more = new HashMap<>(users);
    more.put(name, password);
    return withUsers(more);
  }

  /** This configuration with these users in place of its own; an empty map allows anonymous. */
  public MosquittoConfig withUsers(Map<String, String> newUsers) {
    return new MosquittoConfig(
        newUsers, maxInflightMessages, startupTimeout, persistence, listeners);
  }

  /** This configuration with another window of outgoing QoS 1 and 2 messages; 0 for none. */
  public MosquittoConfig withMaxInflightMessages(int count) {
    return new MosquittoConfig(users, count, startupTimeout, persistence, listeners);
  }

  /** This configuration with another time to wait for mosquitto to listen. */
  public MosquittoConfig withStartupTimeout(Duration timeout) {
    return new MosquittoConfig(users, maxInflightMessages, timeout, persistence, listeners);
  }

  /** This configuration with sessions and queued messages kept on disk across restarts. */
  public MosquittoConfig withPersistence() {
    return new MosquittoConfig(users, maxInflightMessages, startupTimeout, true, listeners);
  }

  /**
   * This configuration with an MQTT over TLS listener on 127.0.0.1 that presents the generated
   * certificate for {@code localhost} and {@code 127.0.0.1}; its port is
   * {@link MosquittoBroker#tlsPort()}.
   *
   * @throws NullPointerException naming {@code certificates} when they are null
   */
  public MosquittoConfig withTls(TestCertificates certificates) {
    return withTls(Objects.requireNonNull(certificates, "certificates").localhostServer());
  }

  /**
   * This configuration with an MQTT over TLS listener on 127.0.0.1 that presents these files'
   * certificate, such as {@link TestCertificates#otherHostServer()} to test hostname checks.
   *
   * @throws NullPointerException naming {@code tls} when the files are null
   */
  public MosquittoConfig withTls(TlsFiles files) {
    return withListeners(listeners.withTls(files));
  }

  /**
   * This configuration with a plain WebSocket listener, which serves MQTT at any path and takes
   * the subprotocol {@code mqtt}; its port is {@link MosquittoBroker#webSocketPort()}. It binds
   * every interface (see {@link MosquittoListeners}).
   */
  public MosquittoConfig withWebSockets() {
    return withListeners(listeners.withWebSockets());
  }

  /**
   * This configuration with a WebSocket over TLS listener that presents the generated certificate
   * for {@code localhost} and {@code 127.0.0.1}; its port is
   * {@link MosquittoBroker#secureWebSocketPort()}. It binds every interface.
   *
   * @throws NullPointerException naming {@code certificates} when they are null
   */
  public MosquittoConfig withSecureWebSockets(TestCertificates certificates) {
    return withSecureWebSockets(
        Objects.requireNonNull(certificates, "certificates").localhostServer());
  }

  /**
   * This configuration with a WebSocket over TLS listener that presents these files' certificate.
   *
   * @throws NullPointerException naming {@code secureWebSockets} when the files are null
   */
  public MosquittoConfig withSecureWebSockets(TlsFiles files) {
    return withListeners(listeners.withSecureWebSockets(files));
  }

  /**
   * This configuration with TLS listeners that refuse any client that does not present a
   * certificate signed by their authority, such as {@link TestCertificates#clientKeyStore()}.
   *
   * @throws IllegalArgumentException when no TLS listener is configured yet: call
   *     {@link #withTls} or {@link #withSecureWebSockets} first
   */
  public MosquittoConfig withClientCertificatesRequired() {
    return withListeners(listeners.withClientCertificatesRequired());
  }

  /** Whether clients may connect without a user name: only when no user is configured. */
  public boolean allowsAnonymous() {
    return users.isEmpty();
  }

  @Override
  public String toString() {
    return "MosquittoConfig[users=" + new TreeSet<>(users.keySet())
        + ", maxInflightMessages=" + maxInflightMessages
        + ", startupTimeout=" + startupTimeout + ", persistence=" + persistence
        + ", listeners=" + listeners + "]";
  }

  private MosquittoConfig withListeners(MosquittoListeners newListeners) {
    return new MosquittoConfig(
        users, maxInflightMessages, startupTimeout, persistence, newListeners);
  }

  private static void checkUser(String name, String password) {
    // The password file holds one "name:password" line per user.
    if (name.isEmpty() || name.contains(":") || containsLineBreak(name)) {
      throw new IllegalArgumentException(
          "user name must be non-empty, without ':' or line breaks, was '" + name + "'");
    }
    if (containsLineBreak(password)) {
      throw new IllegalArgumentException(
          "password of user " + name + " must not hold a line break");
    }
  }

  private static boolean containsLineBreak(String text) {
    return text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
  }
}
