package io.mqttloop.tck.scripted;

import static io.mqttloop.tck.scripted.PlainClient.TIMEOUT;
import static io.mqttloop.tck.scripted.PlainClient.idOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutomaticAnswersTest extends ConnectedClientTest {
  @Test
  void acknowledgesAQos1PublishWithAPubackOfTheSameId() {
    client.send(ClientPackets.publish("q1", 1, 17));

    assertEquals(17, idOf(client.nextPacket(MqttMessageType.PUBACK)));
  }

  @Test
  void answersAQos2PublishWithPubrecThenItsPubrelWithPubcomp() {
    client.send(ClientPackets.publish("q2", 2, 23));
    assertEquals(23, idOf(client.nextPacket(MqttMessageType.PUBREC)));

    client.send(BrokerPackets.pubrel(23));

    assertEquals(23, idOf(client.nextPacket(MqttMessageType.PUBCOMP)));
  }

  @Test
  void leavesAQos0PublishUnanswered() {
    client.send(ClientPackets.publish("q0", 0, 0));
    client.send(MqttMessage.PINGREQ);

    // Answers go out in order, so a PINGRESP first proves the publish got none.
    client.nextPacket(MqttMessageType.PINGRESP);
  }

  @Test
  void grantsTheRequestedQosInTheSuback() {
    client.send(MqttMessageBuilders.subscribe()
        .messageId(5)
        .addSubscription(MqttQoS.EXACTLY_ONCE, "a/#")
        .addSubscription(MqttQoS.AT_MOST_ONCE, "b/+")
        .addSubscription(MqttQoS.AT_LEAST_ONCE, "c")
        .build());

    MqttSubAckMessage suback = (MqttSubAckMessage) client.nextPacket(MqttMessageType.SUBACK);

    assertEquals(5, suback.variableHeader().messageId());
    assertEquals(List.of(2, 0, 1), suback.payload().grantedQoSLevels());
  }

  @Test
  void answersUnsubscribeWithAnUnsubackOfTheSameId() {
    client.send(ClientPackets.unsubscribe(9, "a/#"));

    assertEquals(9, idOf(client.nextPacket(MqttMessageType.UNSUBACK)));
  }

  @Test
  void answersPingreqWithPingresp() {
    client.send(MqttMessage.PINGREQ);

    client.nextPacket(MqttMessageType.PINGRESP);
    broker.awaitPacket(MqttMessageType.PINGREQ, TIMEOUT);
  }
}
