package io.mqttloop.tck.scripted;

import static io.mqttloop.tck.scripted.PlainClient.TIMEOUT;
import static io.mqttloop.tck.scripted.PlainClient.idOf;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldSubscriptionAcksTest extends ConnectedClientTest {
  @Test
  void holdsTheSubackUntilReleased() {
    broker.holdSubscriptionAcks();

    client.send(subscribe(4, "a/#"));
    broker.awaitHeldAcks(1, TIMEOUT);
    client.send(MqttMessage.PINGREQ);

    // Answers go out in order, so a PINGRESP first proves the SUBACK is still held.
    client.nextPacket(MqttMessageType.PINGRESP);
    broker.releaseAck(4);
    MqttSubAckMessage suback = (MqttSubAckMessage) client.nextPacket(MqttMessageType.SUBACK);
    assertEquals(4, suback.variableHeader().messageId());
    assertEquals(List.of(1), suback.payload().reasonCodes());
  }

  @Test
  void holdsTheUnsubackUntilReleased() {
    broker.holdSubscriptionAcks();

    client.send(ClientPackets.unsubscribe(6, "a/#"));
    broker.awaitHeldAcks(1, TIMEOUT);
    client.send(MqttMessage.PINGREQ);

    client.nextPacket(MqttMessageType.PINGRESP);
    assertEquals(1, broker.releaseAllAcks());
    assertEquals(6, idOf(client.nextPacket(MqttMessageType.UNSUBACK)));
  }

  @Test
  void queuesSubscriptionAcksWithPublishAcksInArrivalOrder() {
    broker.holdAcks().holdSubscriptionAcks();

    client.send(subscribe(2, "s"));
    client.send(ClientPackets.publish("p", 1, 1));
    client.send(ClientPackets.unsubscribe(3, "s"));
    broker.awaitHeldAcks(3, TIMEOUT);

    broker.releaseAcks(3);

    assertEquals(2, idOf(client.nextPacket(MqttMessageType.SUBACK)));
    assertEquals(1, idOf(client.nextPacket(MqttMessageType.PUBACK)));
    assertEquals(3, idOf(client.nextPacket(MqttMessageType.UNSUBACK)));
  }

  @Test
  void holdingPublishAcksLeavesSubscriptionsAnswered() {
    broker.holdAcks();

    client.send(subscribe(7, "a"));

    assertEquals(7, idOf(client.nextPacket(MqttMessageType.SUBACK)));
    assertEquals(0, broker.heldAckCount());
  }

  @Test
  void answersSubscriptionsAtOnceAgainWhenAskedTo() {
    broker.holdSubscriptionAcks().ackSubscriptionsAutomatically();

    client.send(subscribe(8, "a"));

    assertEquals(8, idOf(client.nextPacket(MqttMessageType.SUBACK)));
  }

  @Test
  void dropsTheHeldSubscriptionAcksOfAClosedConnection() {
    broker.holdSubscriptionAcks();
    client.send(subscribe(9, "a"));
    broker.awaitHeldAcks(1, TIMEOUT);

    client.close();

    await().atMost(TIMEOUT).until(() -> broker.heldAckCount() == 0);
  }

  private static MqttMessage subscribe(int packetId, String filter) {
    return MqttMessageBuilders.subscribe()
        .messageId(packetId)
        .addSubscription(MqttQoS.AT_LEAST_ONCE, filter)
        .build();
  }
}
