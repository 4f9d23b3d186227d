package io.mqttloop.tck.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

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
    return freePorts(1).get(0);
  }

  /**
   * Distinct ports of 127.0.0.1 that nothing listens on now, as many as asked for: each is held
   * until all are found, so that none is handed out twice.
   */
  static List<Integer> freePorts(int count) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        held.add(new ServerSocket(0, 1, InetAddress.getByName(HOST)));
      }
      return held.stream().map(ServerSocket::getLocalPort).collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException("no " + count + " free ports on " + HOST, e);
    } finally {
      held.forEach(Loopback::closeQuietly);
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

  private static void closeQuietly(ServerSocket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // It was only held to reserve its port; the port is what matters.
    }
  }
}
