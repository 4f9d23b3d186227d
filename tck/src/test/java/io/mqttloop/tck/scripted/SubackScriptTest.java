package io.mqttloop.tck.scripted;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubackScriptTest extends ConnectedClientTest {
  @Test
  void refusesAChosenFilterWith0x80() {
    broker.refuseSubscriptionsTo("b/+");

    assertEquals(List.of(2, 0x80, 1), subscribeToThree());
  }

  @Test
  void grantsNoMoreThanTheCap() {
    broker.grantAtMost(1);

    assertEquals(List.of(1, 0, 1), subscribeToThree());
  }

  @Test
  void composesRefusalsAndCapsInEitherOrder() {
    broker.grantAtMost(1).refuseSubscriptionsTo("c").refuseSubscriptionsTo("a/#");

    assertEquals(List.of(0x80, 0, 0x80), subscribeToThree());
  }

  @Test
  void answersWithWhateverCodeTheScriptGives() {
    broker.refuseSubscriptionsTo("c")
        .subackWith((filter, requestedQos) -> filter.startsWith("a") ? 3 : requestedQos);

    // Netty's decoder refuses code 3, so the SUBACK is read as bytes.
    try (RawClient raw = RawClient.connectTo(broker)) {
      raw.write(RawPackets.packet(0x82, new byte[] {
          0x00, 0x0B, 0x00, 0x03, 'a', '/', '#', 0x02, 0x00, 0x01, 'c', 0x01}));

      // The new script replaced the refusal of "c"; 3 is sent as it is, for MQTT-3.9.3-2 tests.
      assertArrayEquals(new byte[] {(byte) 0x90, 0x04, 0x00, 0x0B, 0x03, 0x01}, raw.read(6));
    }
  }

  @Test
  void holdsASubackWithAnUndefinedCodeLikeAnyOther() {
    broker.holdSubscriptionAcks().subackWith((filter, requestedQos) -> 0x03);

    try (RawClient raw = RawClient.connectTo(broker)) {
      raw.write(RawPackets.packet(0x82, new byte[] {0x00, 0x0C, 0x00, 0x01, 'z', 0x00}));
      broker.awaitHeldAcks(1, PlainClient.TIMEOUT);
      broker.releaseAck(12);

      assertArrayEquals(new byte[] {(byte) 0x90, 0x03, 0x00, 0x0C, 0x03}, raw.read(5));
    }
  }

  @Test
  void closesTheConnectionWhenTheScriptGivesNoByte() {
    broker.subackWith((filter, requestedQos) -> 0x100);

    client.send(MqttMessageBuilders.subscribe()
        .messageId(2).addSubscription(MqttQoS.AT_MOST_ONCE, "x").build());

    client.awaitClosed();
    broker.awaitPacket(MqttMessageType.SUBSCRIBE, PlainClient.TIMEOUT);
  }

  @Test
  void scriptsComposeWithoutABroker() {
    SubackScript script = SubackScript.grantAsRequested()
        .refusing(filter -> filter.startsWith("secret/"))
        .grantingAtMost(1);

    assertEquals(SubackScript.FAILURE, script.returnCode("secret/x", 2));
    assertEquals(1, script.returnCode("open/x", 2));
    assertEquals(0, script.returnCode("open/x", 0));
    assertEquals(7, ((SubackScript) (filter, qos) -> 7).grantingAtMost(0).returnCode("a", 1));
    assertThrows(IllegalArgumentException.class,
        () -> SubackScript.grantAsRequested().grantingAtMost(3));
    assertThrows(IllegalArgumentException.class, () -> broker.grantAtMost(-1));
  }

  @Test
  void describesTheSubackCodesInTheHeldAcks() {
    broker.holdSubscriptionAcks().refuseSubscriptionsTo("b/+");
    client.send(subscribe(4));
    broker.awaitHeldAcks(1, PlainClient.TIMEOUT);

    AssertionError failure = assertThrows(AssertionError.class, () -> broker.releaseAck(5));

    assertTrue(failure.getMessage().contains("SUBACK id=4 codes=[2, 128, 1]"),
        failure.getMessage());
  }

  private List<Integer> subscribeToThree() {
    client.send(subscribe(9));
    MqttSubAckMessage suback = (MqttSubAckMessage) client.nextPacket(MqttMessageType.SUBACK);
    assertEquals(9, suback.variableHeader().messageId());
    return suback.payload().reasonCodes();
  }

  private static MqttMessage subscribe(int packetId) {
    return MqttMessageBuilders.subscribe()
        .messageId(packetId)
        .addSubscription(MqttQoS.EXACTLY_ONCE, "a/#")
        .addSubscription(MqttQoS.AT_MOST_ONCE, "b/+")
        .addSubscription(MqttQoS.AT_LEAST_ONCE, "c")
        .build();
  }
}
