package io.mqttloop.tck.proxy;

import static io.mqttloop.tck.proxy.EchoClient.TIMEOUT;
import static io.mqttloop.tck.proxy.EchoClient.randomBytes;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class StallTest extends ProxiedEchoTest {
  private static final byte[] PING = {'p', 'i', 'n', 'g'};
  private static final Duration QUIET = Duration.ofMillis(700);

  @Test
  void aStalledLinkForwardsNothingYetStaysOpenAndFlowsAgainOnResume() {
    try (EchoClient client = EchoClient.connect(proxy)) {
      client.roundTrip(PING);
      long toTarget = proxy.bytesToTarget();

      proxy.stall();
      client.send(PING);

      assertTrue(proxy.isStalled());
      await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> client.available() == 0
          && proxy.bytesToTarget() == toTarget && echo.bytesReceived() == PING.length);
      ProxiedConnection stalled = proxy.connection(0);
      assertEquals(SocketState.OPEN, stalled.client());
      assertEquals(SocketState.OPEN, stalled.target());

      proxy.resume();

      assertFalse(proxy.isStalled());
      assertArrayEquals(PING, client.receive(PING.length));
      assertArrayEquals(PING, client.roundTrip(PING));
    }
  }

  @Test
  void aStalledLinkPushesBackOnTheSenderAndLosesNothing() {
    byte[] data = randomBytes(32 * 1024 * 1024);

    try (EchoClient client = EchoClient.connect(proxy)) {
      proxy.stall();
      CompletableFuture<Void> sending = client.sendInBackground(data);

      // Loopback buffers take a few megabytes; the rest must wait in the sender.
      await().during(QUIET).atMost(TIMEOUT).until(() -> client.sent() < data.length);
      assertEquals(0, echo.bytesReceived());
      assertEquals(0, proxy.bytesToTarget());

      proxy.resume();

      assertArrayEquals(data, client.receive(data.length));
      sending.join();
    }
  }

  @Test
  void aClientClosingWhileStalledIsSeenButItsEndIsHeldUntilResume() {
    EchoClient client = EchoClient.connect(proxy);
    client.roundTrip(PING);
    proxy.stall();

    client.close();

    assertEquals(SocketState.CLOSED_BY_PEER, proxy.awaitClientClosed(TIMEOUT).client());
    await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> echo.openConnections() == 1
        && proxy.connection(0).target() == SocketState.OPEN);

    proxy.resume();

    assertEquals(SocketState.CLOSED_BY_PROXY, proxy.awaitClosed(0, TIMEOUT).target());
    await().atMost(TIMEOUT).until(() -> echo.openConnections() == 0);
  }

  @Test
  void aConnectionAcceptedWhileStalledWaitsForResume() {
    proxy.stall();

    try (EchoClient client = EchoClient.connect(proxy)) {
      client.send(PING);

      await().during(QUIET).atMost(QUIET.multipliedBy(3))
          .until(() -> client.available() == 0 && echo.bytesReceived() == 0);

      proxy.resume();

      assertArrayEquals(PING, client.receive(PING.length));
    }
  }
}
