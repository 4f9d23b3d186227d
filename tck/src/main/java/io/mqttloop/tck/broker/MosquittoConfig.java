package io.mqttloop.tck.broker;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * How to start a {@link MosquittoBroker}: its users, its delivery window and how long to wait for
 * it to listen. Start from {@link #defaults()} and change what a test needs with the {@code with}
 * methods; the listener is always plain MQTT on a free port of 127.0.0.1. TLS and WebSocket
 * listeners will join as further settings of this record, each with its own {@code with} method.
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
 */
public record MosquittoConfig(Map<String, String> users, int maxInflightMessages,
    Duration startupTimeout, boolean persistence) {

  /** Mosquitto's own default window of outgoing QoS 1 and 2 messages. */
  private static final int DEFAULT_MAX_INFLIGHT_MESSAGES = 20;

  private static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Checks and copies the settings.
   *
   * @throws IllegalArgumentException when a user name is empty or holds a colon or a line break,
   *     a password holds a line break, the window is negative or the timeout is not positive
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
  }

  /** Anonymous clients allowed, a window of 20 messages, 10 seconds to start. */
  public static MosquittoConfig defaults() {
    return new MosquittoConfig(Map.of(), DEFAULT_MAX_INFLIGHT_MESSAGES, DEFAULT_STARTUP_TIMEOUT,
        false);
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
    return new MosquittoConfig(newUsers, maxInflightMessages, startupTimeout, persistence);
  }

  /** This configuration with another window of outgoing QoS 1 and 2 messages; 0 for none. */
  public MosquittoConfig withMaxInflightMessages(int count) {
    return new MosquittoConfig(users, count, startupTimeout, persistence);
  }

  /** This configuration with another time to wait for mosquitto to listen. */
  public MosquittoConfig withStartupTimeout(Duration timeout) {
    return new MosquittoConfig(users, maxInflightMessages, timeout, persistence);
  }

  /** This configuration with sessions and queued messages kept on disk across restarts. */
  public MosquittoConfig withPersistence() {
    return new MosquittoConfig(users, maxInflightMessages, startupTimeout, true);
  }

  /** Whether clients may connect without a user name: only when no user is configured. */
  public boolean allowsAnonymous() {
    return users.isEmpty();
  }

  @Override
  public String toString() {
    return "MosquittoConfig[users=" + new TreeSet<>(users.keySet())
        + ", maxInflightMessages=" + maxInflightMessages
        + ", startupTimeout=" + startupTimeout + ", persistence=" + persistence + "]";
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
