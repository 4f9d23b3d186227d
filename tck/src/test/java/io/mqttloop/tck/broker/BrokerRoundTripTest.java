package io.mqttloop.tck.broker;

import static io.netty.handler.codec.mqtt.MqttQoS.AT_LEAST_ONCE;
import static io.netty.handler.codec.mqtt.MqttQoS.AT_MOST_ONCE;
import static io.netty.handler.codec.mqtt.MqttQoS.EXACTLY_ONCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mqttloop.tck.broker.MqttProbe.Delivery;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessageType;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the TCK needs of each broker kind: MQTT 3.1.1 over TCP on 127.0.0.1 only, and QoS 0, 1
 * and 2 delivered with every acknowledgement. For the embedded broker this is also the proof that
 * Moquette 0.17, built for Netty 4.1, works on the Netty 4.2 of this project.
 */
class BrokerRoundTripTest {
  private static final String TOPIC = "tck/broker/round-trip";

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"mosquitto", "embedded"})
  void acceptsAnMqtt311ConnectWithConnackAccepted(String kind) throws IOException {
    try (TestBroker broker = start(kind); MqttProbe client = MqttProbe.open(broker)) {
      MqttConnAckMessage connAck = client.connect("round-trip-connect", null, null);

      assertEquals(MqttConnectReturnCode.CONNECTION_ACCEPTED,
          connAck.variableHeader().connectReturnCode());
      assertFalse(connAck.variableHeader().isSessionPresent(), "session present");
      assertEquals(kind, broker.kind());
      assertEquals("127.0.0.1", broker.host());
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"mosquitto", "embedded"})
  void listensOnNoOtherLoopbackAddress(String kind) {
    try (TestBroker broker = start(kind)) {
      // Linux routes all of 127.0.0.0/8 to the loopback interface: a broker bound to every
      // address would answer on 127.0.0.2 as well.
      assertThrows(ConnectException.class, () -> {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress("127.0.0.2", broker.port()), 2_000);
        }
      });
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"mosquitto", "embedded"})
  void deliversQos0And1And2WithEveryAcknowledgement(String kind) throws IOException {
    try (TestBroker broker = start(kind);
        MqttProbe subscriber = MqttProbe.connected(broker, "round-trip-subscriber");
        MqttProbe publisher = MqttProbe.connected(broker, "round-trip-publisher")) {
      assertEquals(2, subscriber.subscribe(TOPIC, EXACTLY_ONCE, 1), "granted QoS");

      publisher.publish(TOPIC, "zero", AT_MOST_ONCE, 0);
      Delivery zero = subscriber.expectPublish();
      assertEquals(TOPIC, zero.topic());
      assertEquals("zero", zero.payload());
      assertEquals(AT_MOST_ONCE, zero.qos());

      publisher.publish(TOPIC, "one", AT_LEAST_ONCE, 10);
      publisher.expectAcknowledgement(MqttMessageType.PUBACK, 10);
      Delivery one = subscriber.expectPublish();
      assertEquals("one", one.payload());
      assertEquals(AT_LEAST_ONCE, one.qos());
      subscriber.acknowledge(MqttMessageType.PUBACK, one.packetId());

      publisher.publish(TOPIC, "two", EXACTLY_ONCE, 11);
      publisher.expectAcknowledgement(MqttMessageType.PUBREC, 11);
      publisher.acknowledge(MqttMessageType.PUBREL, 11);
      publisher.expectAcknowledgement(MqttMessageType.PUBCOMP, 11);
      Delivery two = subscriber.expectPublish();
      assertEquals("two", two.payload());
      assertEquals(EXACTLY_ONCE, two.qos());
      subscriber.acknowledge(MqttMessageType.PUBREC, two.packetId());
      subscriber.expectAcknowledgement(MqttMessageType.PUBREL, two.packetId());
      subscriber.acknowledge(MqttMessageType.PUBCOMP, two.packetId());
    }
  }

  private static TestBroker start(String kind) {
    return kind.equals("mosquitto")
        ? Brokers.mosquittoWith(MosquittoConfig.defaults())
        : EmbeddedBroker.start();
  }
}
