package io.mqttloop.tck.scripted;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;

/** The packets the plain test client sends, made with Netty's builders. */
final class ClientPackets {

  private ClientPackets() {
  }

  static MqttConnectMessage connect(String clientId) {
    return MqttMessageBuilders.connect()
        .protocolVersion(MqttVersion.MQTT_3_1_1)
        .clientId(clientId)
        .cleanSession(true)
        .keepAlive(60)
        .build();
  }

  static MqttPublishMessage publish(String topic, int qos, int packetId) {
    return publish(topic, qos, packetId, topic.getBytes(StandardCharsets.UTF_8));
  }

  static MqttPublishMessage publish(String topic, int qos, int packetId, byte[] payload) {
    return MqttMessageBuilders.publish()
        .topicName(topic)
        .qos(MqttQoS.valueOf(qos))
        .messageId(packetId)
        .payload(Unpooled.wrappedBuffer(payload))
        .build();
  }

  static MqttMessage unsubscribe(int packetId, String filter) {
    return MqttMessageBuilders.unsubscribe()
        .messageId(packetId)
        .addTopicFilter(filter)
        .build();
  }
}
