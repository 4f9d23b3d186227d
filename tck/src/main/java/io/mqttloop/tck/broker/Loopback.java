package io.mqttloop.tck.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** The loopback address every test broker listens on, and its ports. */
final class Loopback {
  /** The one address test brokers listen on. */
  static final String HOST = "127.0.0.1";

  private static final int PROBE_TIMEOUT_MILLIS = 200;

  private Loopback() {
  }

  /**
   * A port of 127.0.0.1 that nothing listens on now. Another process may take it before the
   * broker binds it, so a broker that finds it taken tries again with another.
   */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + HOST, e);
    }
  }

  /** Whether something accepts TCP connections on this port of 127.0.0.1 now. */
  static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, port), PROBE_TIMEOUT_MILLIS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
