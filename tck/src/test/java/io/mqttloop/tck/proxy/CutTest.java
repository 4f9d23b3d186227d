package io.mqttloop.tck.proxy;

import static io.mqttloop.tck.proxy.EchoClient.TIMEOUT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mqttloop.tck.proxy.EchoClient.Ending;
import org.junit.jupiter.api.Test;

class CutTest extends ProxiedEchoTest {
  private static final byte[] HELLO = {'h', 'e', 'l', 'l', 'o'};

  @Test
  void cutEndsTheClientsStreamAndTheNextConnectionWorks() {
    try (EchoClient first = EchoClient.connect(proxy)) {
      first.roundTrip(HELLO);

      proxy.cut();

      assertEquals(Ending.END_OF_STREAM, first.awaitEnd());
      ProxiedConnection cut = proxy.connection(0);
      assertEquals(SocketState.CLOSED_BY_PROXY, cut.client());
      assertEquals(SocketState.CLOSED_BY_PROXY, cut.target());
      await().atMost(TIMEOUT).until(() -> echo.openConnections() == 0);
    }

    try (EchoClient second = EchoClient.connect(proxy)) {
      assertArrayEquals(HELLO, second.roundTrip(HELLO));
      assertEquals(2, proxy.connectionCount());
    }
  }

  @Test
  void cutWithResetResetsTheClientsSocket() {
    try (EchoClient client = EchoClient.connect(proxy)) {
      client.roundTrip(HELLO);

      proxy.cutWithReset();

      assertEquals(Ending.RESET, client.awaitEnd());
      assertEquals(SocketState.CLOSED_BY_PROXY, proxy.connection(0).client());
    }
  }

  @Test
  void cutClosesEveryOpenConnection() {
    try (EchoClient first = EchoClient.connect(proxy);
        EchoClient second = EchoClient.connect(proxy)) {
      first.roundTrip(HELLO);
      second.roundTrip(HELLO);

      proxy.cut();

      first.awaitEnd();
      second.awaitEnd();
    }
  }

  @Test
  void cutWithNothingOpenDoesNothing() {
    proxy.cut();

    try (EchoClient client = EchoClient.connect(proxy)) {
      assertArrayEquals(HELLO, client.roundTrip(HELLO));
    }
  }
}
