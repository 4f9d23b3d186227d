package io.mqttloop.tck.selftest;

import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;

/** Changed copies of an outbound PUBLISH, for the handlers that corrupt what the loop sends. */
final class PublishRewrites {
  private PublishRewrites() {}

  /** {@code publish} under {@code packetId}; it takes over the payload of {@code publish}. */
  static MqttPublishMessage withPacketId(MqttPublishMessage publish, int packetId) {
    return new MqttPublishMessage(publish.fixedHeader(),
        new MqttPublishVariableHeader(publish.variableHeader().topicName(), packetId),
        publish.payload());
  }

  /** A second PUBLISH like {@code publish} under {@code packetId}, sharing its payload. */
  static MqttPublishMessage copyWithPacketId(MqttPublishMessage publish, int packetId) {
    return withPacketId(publish.retainedDuplicate(), packetId);
  }

  /** {@code publish} with DUP 0; it takes over the payload of {@code publish}. */
  static MqttPublishMessage withoutDup(MqttPublishMessage publish) {
    MqttFixedHeader header = publish.fixedHeader();
    MqttFixedHeader cleared = new MqttFixedHeader(MqttMessageType.PUBLISH, false,
        header.qosLevel(), header.isRetain(), header.remainingLength());
    return new MqttPublishMessage(cleared, publish.variableHeader(), publish.payload());
  }

  /** Whether {@code message} is a PUBLISH at QoS 1. */
  static boolean isQos1Publish(Object message) {
    return message instanceof MqttPublishMessage publish
        && publish.fixedHeader().qosLevel().value() == 1;
  }
}
