package io.mqttloop.tck.scripted;

import static io.mqttloop.tck.scripted.PlainClient.TIMEOUT;
import static io.mqttloop.tck.scripted.PlainClient.idOf;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HeldAcksTest {
  private final ScriptedBroker broker = ScriptedBroker.start().holdAcks();
  private PlainClient client;

  @BeforeEach
  void connect() {
    client = PlainClient.connectAndSendConnect(broker);
    client.nextPacket(MqttMessageType.CONNACK);
  }

  @AfterEach
  void closeAll() {
    client.close();
    broker.close();
  }

  @Test
  void holdsPubacksUntilTheTestReleasesThem() {
    publishAtQos1(1, 2, 3);
    broker.awaitHeldAcks(3, TIMEOUT);

    client.send(MqttMessage.PINGREQ);
    // Answers go out in order, so a PINGRESP first proves no PUBACK went out before it.
    client.nextPacket(MqttMessageType.PINGRESP);
    assertEquals(3, broker.heldAckCount());

    broker.releaseAcks(2);

    assertEquals(1, idOf(client.nextPacket(MqttMessageType.PUBACK)));
    assertEquals(2, idOf(client.nextPacket(MqttMessageType.PUBACK)));
    assertEquals(1, broker.heldAckCount());
  }

  @Test
  void releasesInTheOrderThePublishesArrivedNotByPacketId() {
    publishAtQos1(9, 4, 7);
    broker.awaitHeldAcks(3, TIMEOUT);

    assertEquals(3, broker.releaseAllAcks());

    assertEquals(9, idOf(client.nextPacket(MqttMessageType.PUBACK)));
    assertEquals(4, idOf(client.nextPacket(MqttMessageType.PUBACK)));
    assertEquals(7, idOf(client.nextPacket(MqttMessageType.PUBACK)));
    assertEquals(0, broker.heldAckCount());
  }

  @Test
  void releasesTheAckOfOnePacketId() {
    publishAtQos1(1, 2, 3);
    broker.awaitHeldAcks(3, TIMEOUT);

    broker.releaseAck(2);

    assertEquals(2, idOf(client.nextPacket(MqttMessageType.PUBACK)));
    assertEquals(2, broker.heldAckCount());
    broker.releaseAllAcks();
    assertEquals(1, idOf(client.nextPacket(MqttMessageType.PUBACK)));
    assertEquals(3, idOf(client.nextPacket(MqttMessageType.PUBACK)));
  }

  @Test
  void holdsBothAcksOfTheQos2Flow() {
    client.send(ClientPackets.publish("q2", 2, 5));
    broker.awaitHeldAcks(1, TIMEOUT);
    broker.releaseAllAcks();
    assertEquals(5, idOf(client.nextPacket(MqttMessageType.PUBREC)));

    client.send(BrokerPackets.pubrel(5));
    broker.awaitHeldAcks(1, TIMEOUT);
    client.send(MqttMessage.PINGREQ);
    client.nextPacket(MqttMessageType.PINGRESP);
    broker.releaseAck(5);

    assertEquals(5, idOf(client.nextPacket(MqttMessageType.PUBCOMP)));
  }

  @Test
  void failsToReleaseAcksItDoesNotHold() {
    publishAtQos1(1);
    broker.awaitHeldAcks(1, TIMEOUT);

    assertThrows(AssertionError.class, () -> broker.releaseAcks(2));
    assertThrows(AssertionError.class, () -> broker.releaseAck(8));
    assertEquals(1, broker.heldAckCount());
  }

  @Test
  void acknowledgesAtOnceAgainWhenAskedTo() {
    broker.ackAutomatically();

    publishAtQos1(6);

    assertEquals(6, idOf(client.nextPacket(MqttMessageType.PUBACK)));
    assertEquals(0, broker.heldAckCount());
  }

  @Test
  void dropsTheAcksOfAConnectionThatClosed() {
    publishAtQos1(1, 2);
    broker.awaitHeldAcks(2, TIMEOUT);

    client.close();

    await().atMost(TIMEOUT).until(() -> broker.heldAckCount() == 0);
  }

  private void publishAtQos1(int... packetIds) {
    for (int id : packetIds) {
      client.send(ClientPackets.publish("held/" + id, 1, id));
    }
  }
}
