package io.mqttloop.tck.scripted;

import static io.mqttloop.tck.scripted.PlainClient.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttloop.ConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnackScriptTest {
  private final ScriptedBroker broker = ScriptedBroker.start();

  @AfterEach
  void closeBroker() {
    broker.close();
  }

  @Test
  void acceptsWithSessionPresentZeroByDefault() {
    try (PlainClient client = PlainClient.connectAndSendConnect(broker)) {
      MqttConnAckMessage connack = nextConnack(client);

      assertEquals(MqttConnectReturnCode.CONNECTION_ACCEPTED,
          connack.variableHeader().connectReturnCode());
      assertFalse(connack.variableHeader().isSessionPresent());
      assertEquals("plain-client", broker.awaitPacket(MqttMessageType.CONNECT, TIMEOUT)
          .as(MqttConnectMessage.class)
          .payload().clientIdentifier());
    }
  }

  @Test
  void acceptsWithSessionPresentWhenScripted() {
    broker.connack(ConnackScript.acceptWithSessionPresent());

    try (PlainClient client = PlainClient.connectAndSendConnect(broker)) {
      MqttConnAckMessage connack = nextConnack(client);

      assertEquals(MqttConnectReturnCode.CONNECTION_ACCEPTED,
          connack.variableHeader().connectReturnCode());
      assertTrue(connack.variableHeader().isSessionPresent());
    }
  }

  @Test
  void refusesWithEachScriptedCodeThenClosesTheConnection() {
    for (int code = 1; code <= 5; code++) {
      broker.connack(ConnackScript.refuse(code));

      try (PlainClient client = PlainClient.connectAndSendConnect(broker)) {
        MqttConnAckMessage connack = nextConnack(client);

        assertEquals(code, connack.variableHeader().connectReturnCode().byteValue());
        assertFalse(connack.variableHeader().isSessionPresent());
        client.awaitClosed();
      }
    }
  }

  @Test
  void refusesWithAReturnCodeOfTheApi() {
    broker.connack(ConnackScript.refuse(ConnectReturnCode.NOT_AUTHORIZED));

    try (PlainClient client = PlainClient.connectAndSendConnect(broker)) {
      assertEquals(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED,
          nextConnack(client).variableHeader().connectReturnCode());
    }
  }

  @Test
  void refusesToScriptACodeThatIsNoRefusal() {
    assertThrows(IllegalArgumentException.class, () -> ConnackScript.refuse(0));
    assertThrows(IllegalArgumentException.class, () -> ConnackScript.refuse(6));
  }

  @Test
  void withholdsTheConnackAndKeepsTheConnectionOpen() {
    broker.connack(ConnackScript.withhold());

    try (PlainClient client = PlainClient.connectAndSendConnect(broker)) {
      client.send(MqttMessage.PINGREQ);

      // The broker answers in order, so a PINGRESP first proves no CONNACK went before it.
      client.nextPacket(MqttMessageType.PINGRESP);
      assertEquals(MqttMessageType.CONNECT, broker.awaitPacket(0, TIMEOUT).type());
      assertTrue(client.isOpen());
    }
  }

  @Test
  void answersEachConnectionWithItsOwnScriptAndRepeatsTheLast() {
    broker.connacks(ConnackScript.refuse(3), ConnackScript.accept());

    assertEquals(3, connackCodeOfANewConnection());
    assertEquals(0, connackCodeOfANewConnection());
    assertEquals(0, connackCodeOfANewConnection());
  }

  @Test
  void recordsASecondConnectOnOneConnectionButAnswersOnlyTheFirst() {
    try (PlainClient client = PlainClient.connectAndSendConnect(broker)) {
      client.send(ClientPackets.connect("again"));
      client.send(MqttMessage.PINGREQ);

      client.nextPacket(MqttMessageType.CONNACK);
      client.nextPacket(MqttMessageType.PINGRESP);
      assertEquals(2, broker.awaitPackets(
          2, ReceivedPacket.ofType(MqttMessageType.CONNECT), TIMEOUT).size());
    }
  }

  private int connackCodeOfANewConnection() {
    try (PlainClient client = PlainClient.connectAndSendConnect(broker)) {
      return nextConnack(client).variableHeader().connectReturnCode().byteValue();
    }
  }

  private static MqttConnAckMessage nextConnack(PlainClient client) {
    return (MqttConnAckMessage) client.nextPacket(MqttMessageType.CONNACK);
  }
}
