package io.mqttloop.tck.proxy;

import static io.mqttloop.tck.proxy.EchoClient.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetargetTest {
  private static final byte[] ONE = {1};
  private static final byte[] TWO = {2, 2};

  private final EchoServer first = EchoServer.echo();
  private final EchoServer second = EchoServer.echo();
  private final FaultProxy proxy = FaultProxy.start(first.host(), first.port());

  @AfterEach
  void closeAll() {
    proxy.close();
    first.close();
    second.close();
  }

  @Test
  void newConnectionsGoToTheNewTargetAndOpenOnesStay() {
    try (EchoClient before = EchoClient.connect(proxy)) {
      before.roundTrip(ONE);

      proxy.retarget(second.host(), second.port());

      try (EchoClient after = EchoClient.connect(proxy)) {
        assertArrayEquals(TWO, after.roundTrip(TWO));
      }
      assertArrayEquals(ONE, before.roundTrip(ONE));
    }

    assertEquals(1, first.accepted());
    assertEquals(2, first.bytesReceived());
    assertEquals(1, second.accepted());
    assertEquals(2, second.bytesReceived());
    assertEquals(second.port(), proxy.target().getPort());
  }

  @Test
  void anUnreachableTargetClosesTheClientsConnection() throws IOException {
    proxy.retarget("127.0.0.1", portNothingListensOn());

    try (EchoClient client = EchoClient.connect(proxy)) {
      client.awaitEnd();
    }

    ProxiedConnection connection = proxy.awaitClosed(0, TIMEOUT);
    assertEquals(SocketState.NOT_CONNECTED, connection.target());
    assertEquals(SocketState.CLOSED_BY_PROXY, connection.client());
  }

  @Test
  void refusesAPortOutOfRange() {
    assertThrows(IllegalArgumentException.class, () -> proxy.retarget("127.0.0.1", 0));
    assertThrows(IllegalArgumentException.class, () -> proxy.retarget("127.0.0.1", 65_536));
  }

  private static int portNothingListensOn() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
