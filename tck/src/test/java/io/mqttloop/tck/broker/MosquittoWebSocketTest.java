package io.mqttloop.tck.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket listeners of mosquitto, plain and over TLS: each upgrades an HTTP request for the
 * subprotocol {@code mqtt} and then answers MQTT carried in binary frames.
 */
class MosquittoWebSocketTest {

  @Test
  void upgradesAPlainWebSocketAndAnswersItsConnect() throws IOException {
    MosquittoConfig config = MosquittoConfig.defaults().withWebSockets();

    try (MosquittoBroker broker = Brokers.mosquittoWith(config);
        Socket socket = MqttProbe.plainSocket(broker.webSocketPort())) {
      assertUpgradedAndAccepted(socket, "127.0.0.1", broker.webSocketPort(), "ws-plain");
    }
  }

  @Test
  void upgradesASecureWebSocketAndAnswersItsConnect()
      throws IOException, GeneralSecurityException {
    TestCertificates certificates = TestCertificates.shared();
    TlsClient client = TlsClient.trusting(TlsClient.trustStore(certificates));
    MosquittoConfig config = MosquittoConfig.defaults().withSecureWebSockets(certificates);

    try (MosquittoBroker broker = Brokers.mosquittoWith(config);
        Socket socket = client.handshake(broker.secureWebSocketPort(), "localhost")) {
      assertUpgradedAndAccepted(socket, "localhost", broker.secureWebSocketPort(), "ws-secure");
    }
  }

  private static void assertUpgradedAndAccepted(Socket socket, String host, int port,
      String clientId) throws IOException {
    WebSocketTunnel.Upgrade upgrade = WebSocketTunnel.upgrade(socket, host, port);

    assertEquals(101, upgrade.status(), upgrade.statusLine());
    assertEquals(upgrade.expectedAccept(), upgrade.headers().get("sec-websocket-accept"));
    assertEquals("mqtt", upgrade.headers().get("sec-websocket-protocol"));
    try (MqttProbe probe = WebSocketTunnel.probe(socket)) {
      assertEquals(MqttConnectReturnCode.CONNECTION_ACCEPTED,
          probe.connect(clientId, null, null).variableHeader().connectReturnCode());
    }
  }
}
