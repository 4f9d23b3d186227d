package io.mqttloop.tck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LifecycleTest {

  @Test
  void runsOnOneThreadNamedFaultProxyAndEndsItOnClose() {
    try (EchoServer echo = EchoServer.echo()) {
      Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());

      FaultProxy proxy = FaultProxy.start(echo.host(), echo.port());
      try (EchoClient client = EchoClient.connect(proxy)) {
        client.roundTrip(new byte[] {1});
      }
      List<Thread> proxyThreads = startedSince(before).stream()
          .filter(thread -> !thread.getName().startsWith("echo-"))
          .toList();

      assertEquals(1, proxyThreads.size(), () -> "threads started: " + proxyThreads);
      assertTrue(proxyThreads.get(0).getName().startsWith("fault-proxy-"),
          proxyThreads.get(0).getName());

      proxy.close();

      assertFalse(proxyThreads.get(0).isAlive(), "the proxy's thread outlived close()");
    }
  }

  @Test
  void closeFreesThePort() throws IOException {
    FaultProxy proxy = FaultProxy.start("127.0.0.1", 1);
    int port = proxy.port();

    proxy.close();

    try (Socket socket = new Socket()) {
      assertThrows(ConnectException.class,
          () -> socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000));
    }
    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      assertEquals(port, again.getLocalPort());
    }
  }

  @Test
  void closeEndsOpenConnections() {
    try (EchoServer echo = EchoServer.echo()) {
      FaultProxy proxy = FaultProxy.start(echo.host(), echo.port());
      try (EchoClient client = EchoClient.connect(proxy)) {
        client.roundTrip(new byte[] {1});

        proxy.close();

        client.awaitEnd();
        assertFalse(proxy.connection(0).isOpen());
      }
    }
  }

  @Test
  void closesTwiceWithoutHarmAndRefusesFaultsAfterwards() {
    FaultProxy proxy = FaultProxy.start("127.0.0.1", 1);

    proxy.close();
    proxy.close();

    assertThrows(IllegalStateException.class, proxy::stall);
    assertThrows(IllegalStateException.class, proxy::cut);
    assertThrows(IllegalStateException.class, () -> proxy.delay(Duration.ofMillis(1)));
    assertEquals(0, proxy.connectionCount());
  }

  @Test
  void refusesATargetPortOutOfRange() {
    assertThrows(IllegalArgumentException.class, () -> FaultProxy.start("127.0.0.1", 0));
  }

  @Test
  void clearFaultsLiftsEveryFault() {
    try (FaultProxy proxy = FaultProxy.start("127.0.0.1", 1)) {
      proxy.stall();
      proxy.delay(Duration.ofSeconds(1));
      proxy.throttle(1);
      proxy.refuseNewConnections(true);

      proxy.clearFaults();

      assertFalse(proxy.isStalled());
      assertEquals("FaultProxy[127.0.0.1:" + proxy.port() + ", target 127.0.0.1:1, "
          + "0 connections: []]", proxy.toString());
    }
  }

  private static Set<Thread> startedSince(Set<Thread> before) {
    Set<Thread> started = new HashSet<>(Thread.getAllStackTraces().keySet());
    started.removeAll(before);
    return started;
  }
}
