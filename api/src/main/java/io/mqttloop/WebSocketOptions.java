package io.mqttloop;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a loop carries MQTT over WebSocket: the path of the upgrade request and any headers it
 * adds (for a proxy's or a gateway's authentication, say). The subprotocol is always MQTT's own,
 * {@code mqtt}. Over TLS when the options also name {@link TlsOptions}, that is {@code wss://}.
 */
public final class WebSocketOptions {
  private final String path;
  private final Map<String, String> headers;

  private WebSocketOptions(String path, Map<String, String> headers) {
    this.path = path;
    this.headers = headers;
  }

  /** The path {@code /mqtt}, as most brokers serve it, and no extra header. */
  public static WebSocketOptions defaults() {
    return builder().build();
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The path of the upgrade request, starting with {@code /}, query included if any. */
  public String path() {
    return path;
  }

  /** The headers added to the upgrade request, in the order they were given. */
  public Map<String, String> headers() {
    return headers;
  }

  /** Shows the path and the header names, never their values, which may hold secrets. */
  @Override
  public String toString() {
    return "WebSocketOptions[path=" + path + ", headers=" + headers.keySet() + "]";
  }

  /** Builds {@link WebSocketOptions}; each setter checks its own field. */
  public static final class Builder {
    private String path = "/mqtt";
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Builder() {}

    /**
     * The path of the upgrade request.
     *
     * @throws IllegalArgumentException when it does not start with {@code /} or holds a space or
     *     a control character
     */
    public Builder path(String path) {
      Objects.requireNonNull(path, "path");
      if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
        throw new IllegalArgumentException("path must start with '/' and hold only visible"
            + " ASCII (percent-encode the rest), was '" + path + "'");
      }
      checkUriPath(path);
      this.path = path;
      return this;
    }

    private static void checkUriPath(String path) {
      if (path.indexOf('#') >= 0) {
        throw new IllegalArgumentException("path must not hold a fragment ('#'), was '" + path
            + "'");
      }
      try {
        new URI("ws://host" + path);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("path is not a valid URI path: " + e.getMessage(), e);
      }
    }

    /**
     * A header to add to the upgrade request, in place of one given before under the same name in
     * any case.
     *
     * @throws IllegalArgumentException when the name is not an HTTP token, or either holds a
     *     line break
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "header name");
      Objects.requireNonNull(value, "header value");
      if (name.isEmpty() || !name.chars().allMatch(Builder::isTokenCharacter)) {
        throw new IllegalArgumentException("header name must be an HTTP token, was '" + name
            + "'");
      }
      if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("header " + name + " must not hold a line break");
      }
      if (!value.chars().allMatch(c -> c == '\t' || (c >= ' ' && c < 0x7f))) {
        throw new IllegalArgumentException("header " + name + " must hold only visible ASCII,"
            + " spaces and tabs");
      }
      headers.keySet().removeIf(given -> given.equalsIgnoreCase(name));
      headers.put(name, value);
      return this;
    }

    /** The options. */
    public WebSocketOptions build() {
      return new WebSocketOptions(path, Collections.unmodifiableMap(new LinkedHashMap<>(headers)));
    }

    private static boolean isTokenCharacter(int c) {
      return c > ' ' && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }
  }
}
