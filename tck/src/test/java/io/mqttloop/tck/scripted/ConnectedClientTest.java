package io.mqttloop.tck.scripted;

import io.netty.handler.codec.mqtt.MqttMessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A test with a scripted broker and a plain client that has its CONNACK. */
abstract class ConnectedClientTest {
  final ScriptedBroker broker = ScriptedBroker.start();
  PlainClient client;

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
}
