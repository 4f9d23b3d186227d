package io.mqttloop;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The user name and optional password sent in CONNECT. MQTT 3.1.1 allows a password only with a
 * user name (MQTT-3.1.2-22), which this type enforces. {@link #toString()} never shows the
 * password.
 */
public final class Credentials {
  private final String username;
  private final byte @Nullable [] password;

  private Credentials(String username, byte @Nullable [] password) {
    Utf8Field.check("username", Objects.requireNonNull(username, "username"));
    this.username = username;
    this.password = password == null ? null : password.clone();
  }

  /**
   * A user name without a password.
   *
   * @throws IllegalArgumentException when the user name is not a valid MQTT UTF-8 string
   */
  public static Credentials of(String username) {
    return new Credentials(username, null);
  }

  /**
   * A user name and a binary password, which is copied.
   *
   * @throws IllegalArgumentException when the user name is not a valid MQTT UTF-8 string or the
   *     password is longer than 65,535 bytes
   */
  public static Credentials of(String username, byte[] password) {
    Objects.requireNonNull(password, "password");
    if (password.length > Utf8Field.MAX_BYTES) {
      throw new IllegalArgumentException("password must be at most 65535 bytes, was "
          + password.length);
    }
    return new Credentials(username, password);
  }

  /** The user name. */
  public String username() {
    return username;
  }

  /** A copy of the password, or null when there is none. */
  public byte @Nullable [] password() {
    return password == null ? null : password.clone();
  }

  @Override
  public String toString() {
    return "Credentials[username=" + Utf8Field.shown(username) + ", password="
        + (password == null ? "none" : "****") + "]";
  }
}
