package io.mqttloop.tck.proxy;

import static io.mqttloop.tck.proxy.EchoClient.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RefuseTest extends ProxiedEchoTest {
  private static final byte[] HELLO = {'h', 'e', 'l', 'l', 'o'};

  @Test
  void aRefusedConnectionIsResetAtOnceAndCounted() {
    proxy.refuseNewConnections(true);

    EchoClient.connectAndAwaitEnd(proxy);

    ProxiedConnection refused = proxy.awaitConnections(1, TIMEOUT);
    assertTrue(refused.refused());
    assertFalse(refused.isOpen());
    assertEquals(SocketState.NOT_CONNECTED, refused.target());
    assertEquals(0, echo.accepted());
  }

  @Test
  void connectionsAreForwardedAgainOnceRefusalsEnd() {
    proxy.refuseNewConnections(true);
    EchoClient.connectAndAwaitEnd(proxy);

    proxy.refuseNewConnections(false);

    try (EchoClient accepted = EchoClient.connect(proxy)) {
      assertArrayEquals(HELLO, accepted.roundTrip(HELLO));
    }
    assertEquals(2, proxy.connectionCount());
    assertFalse(proxy.connection(1).refused());
  }

  @Test
  void openConnectionsSurviveRefusals() {
    try (EchoClient client = EchoClient.connect(proxy)) {
      client.roundTrip(HELLO);

      proxy.refuseNewConnections(true);

      assertArrayEquals(HELLO, client.roundTrip(HELLO));
    }
  }
}
