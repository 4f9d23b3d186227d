package io.mqttloop.tck.scripted;

import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import java.util.stream.Collectors;

/**
 * One line that identifies a packet in a failure message or a log: its type and headers. Never
 * the payload nor the password, which may be secret or huge.
 */
final class PacketDescription {

  private PacketDescription() {
  }

  static String of(MqttMessage message) {
    if (message.decoderResult().isFailure()) {
      return "malformed " + typeOf(message) + " (" + message.decoderResult().cause() + ")";
    }
    if (message instanceof MqttPublishMessage publish) {
      return ofPublish(publish);
    }
    if (message instanceof MqttConnectMessage connect) {
      return ofConnect(connect);
    }
    if (message instanceof MqttSubscribeMessage subscribe) {
      return "SUBSCRIBE id=" + subscribe.variableHeader().messageId() + " filters="
          + subscribe.payload().topicSubscriptions().stream()
              .map(PacketDescription::ofSubscription)
              .collect(Collectors.joining(", ", "[", "]"));
    }
    if (message instanceof MqttUnsubscribeMessage unsubscribe) {
      return "UNSUBSCRIBE id=" + unsubscribe.variableHeader().messageId()
          + " filters=" + unsubscribe.payload().topics();
    }
    if (message instanceof MqttSubAckMessage suback) {
      return "SUBACK id=" + suback.variableHeader().messageId()
          + " codes=" + suback.payload().reasonCodes();
    }
    if (message.variableHeader() instanceof MqttMessageIdVariableHeader withId) {
      return typeOf(message) + " id=" + withId.messageId();
    }
    return typeOf(message);
  }

  private static String ofPublish(MqttPublishMessage publish) {
    MqttFixedHeader header = publish.fixedHeader();
    String id = header.qosLevel().value() > 0 ? " id=" + publish.variableHeader().packetId() : "";
    return "PUBLISH" + id
        + " qos=" + header.qosLevel().value()
        + " dup=" + header.isDup()
        + " retain=" + header.isRetain()
        + " topic=" + publish.variableHeader().topicName()
        + " payload=" + publish.content().readableBytes() + " bytes";
  }

  private static String ofSubscription(MqttTopicSubscription subscription) {
    return subscription.topicFilter() + " qos=" + subscription.qualityOfService().value();
  }

  private static String ofConnect(MqttConnectMessage connect) {
    MqttConnectVariableHeader header = connect.variableHeader();
    return "CONNECT clientId=" + connect.payload().clientIdentifier()
        + " cleanSession=" + header.isCleanSession()
        + " keepAlive=" + header.keepAliveTimeSeconds()
        + " will=" + header.isWillFlag()
        + " userName=" + header.hasUserName()
        + " password=" + header.hasPassword();
  }

  private static String typeOf(MqttMessage message) {
    MqttFixedHeader header = message.fixedHeader();
    return header == null ? "packet" : header.messageType().toString();
  }
}
