package io.mqttloop;

import java.util.Objects;

/**
 * Where a broker listens.
 *
 * @param host its host name or address
 * @param port its port, 1 to 65,535
 */
public record Broker(String host, int port) {
  /**
   * A broker address.
   *
   * @throws IllegalArgumentException when the host is blank or the port is outside 1..65535
   */
  public Broker {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank, was \"" + host + "\"");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port must be within 1..65535, was " + port);
    }
  }

  /** {@code host:port}, with an IPv6 address in brackets: {@code [::1]:1883}. */
  @Override
  public String toString() {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }
}
