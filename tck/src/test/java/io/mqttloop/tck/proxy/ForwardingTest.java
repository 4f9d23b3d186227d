package io.mqttloop.tck.proxy;

import static io.mqttloop.tck.proxy.EchoClient.TIMEOUT;
import static io.mqttloop.tck.proxy.EchoClient.randomBytes;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ForwardingTest extends ProxiedEchoTest {
  @Test
  void forwardsFiveMegabytesIntactAndInOrderBothWays() {
    byte[] data = randomBytes(5 * 1024 * 1024);

    try (EchoClient client = EchoClient.connect(proxy)) {
      assertArrayEquals(data, client.roundTrip(data));
    }

    await().atMost(TIMEOUT).untilAsserted(() -> {
      assertEquals(data.length, proxy.bytesToTarget());
      assertEquals(data.length, proxy.bytesToClient());
    });
    assertEquals(data.length, echo.bytesReceived());
    ProxiedConnection connection = proxy.connection(0);
    assertEquals(data.length, connection.bytesToTarget());
    assertEquals(data.length, connection.bytesToClient());
  }

  @Test
  void servesOneConnectionAfterAnother() {
    for (int i = 0; i < 20; i++) {
      byte[] data = ("connection " + i).getBytes(StandardCharsets.UTF_8);
      try (EchoClient client = EchoClient.connect(proxy)) {
        assertArrayEquals(data, client.roundTrip(data));
      }
    }

    assertEquals(20, proxy.connectionCount());
    assertEquals(20, echo.accepted());
  }

  @Test
  void countsConnectionsAndKnowsTheLatest() {
    assertTrue(proxy.latestConnection().isEmpty());

    try (EchoClient first = EchoClient.connect(proxy);
        EchoClient second = EchoClient.connect(proxy)) {
      first.roundTrip(new byte[] {1});
      second.roundTrip(new byte[] {2});

      ProxiedConnection latest = proxy.awaitConnections(2, TIMEOUT);

      assertEquals(1, latest.index());
      assertEquals(1, proxy.latestConnection().orElseThrow().index());
      assertEquals(2, proxy.connections().size());
      assertTrue(proxy.connections().stream()
          .allMatch(c -> c.client() == SocketState.OPEN && c.target() == SocketState.OPEN));
    }
  }

  @Test
  void awaitConnectionsFailsWhenTooFewCame() {
    try (EchoClient client = EchoClient.connect(proxy)) {
      client.roundTrip(new byte[] {1});

      AssertionError tooFew = assertThrows(AssertionError.class,
          () -> proxy.awaitConnections(2, Duration.ofMillis(200)));
      assertTrue(tooFew.getMessage().contains("expected 2 connections"), tooFew.getMessage());
    }
  }

  @Test
  void aClientClosingIsSeenAndPassedOnToTheTarget() {
    EchoClient client = EchoClient.connect(proxy);
    client.roundTrip(new byte[] {1, 2, 3});

    client.close();

    ProxiedConnection closed = proxy.awaitClientClosed(TIMEOUT);
    assertEquals(SocketState.CLOSED_BY_PEER, closed.client());
    assertEquals(SocketState.CLOSED_BY_PROXY, proxy.awaitClosed(0, TIMEOUT).target());
    await().atMost(TIMEOUT).until(() -> echo.openConnections() == 0);
  }

  @Test
  void aTargetClosingEndsTheClientsStream() {
    try (EchoClient client = EchoClient.connect(proxy)) {
      client.roundTrip(new byte[] {1, 2, 3});

      echo.closeConnections();

      client.awaitEnd();
      ProxiedConnection closed = proxy.awaitClosed(0, TIMEOUT);
      assertEquals(SocketState.CLOSED_BY_PEER, closed.target());
      assertEquals(SocketState.CLOSED_BY_PROXY, closed.client());
    }
  }

  @Test
  void bytesSentJustBeforeTheClientClosesStillReachTheTarget() {
    try (EchoServer sink = EchoServer.sink();
        FaultProxy toSink = FaultProxy.start(sink.host(), sink.port())) {
      byte[] data = randomBytes(1024 * 1024);

      try (EchoClient client = EchoClient.connect(toSink)) {
        client.send(data);
      }

      await().atMost(TIMEOUT).until(() -> sink.bytesReceived() == data.length);
      await().atMost(TIMEOUT).until(() -> sink.openConnections() == 0);
      assertFalse(toSink.awaitClosed(0, TIMEOUT).isOpen());
    }
  }

  @Test
  void awaitClientClosedFailsWhenTheProxyCutTheConnection() {
    try (EchoClient client = EchoClient.connect(proxy)) {
      client.roundTrip(new byte[] {1});
      proxy.cut();

      AssertionError notTheClient =
          assertThrows(AssertionError.class, () -> proxy.awaitClientClosed(TIMEOUT));
      assertTrue(notTheClient.getMessage().contains("closed by the proxy"),
          notTheClient.getMessage());
    }
  }

  @Test
  void awaitClientClosedFailsWhenNoClientConnected() {
    assertThrows(AssertionError.class, () -> proxy.awaitClientClosed(Duration.ofMillis(100)));
  }
}
