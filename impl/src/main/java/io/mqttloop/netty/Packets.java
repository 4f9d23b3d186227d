package io.mqttloop.netty;

import io.mqttloop.Credentials;
import io.mqttloop.MqttOptions;
import io.mqttloop.Publish;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;

/** The MQTT 3.1.1 packets the client sends, as Netty's codec models them. */
final class Packets {
  private static final MqttMessage PINGREQ = new MqttMessage(
      new MqttFixedHeader(MqttMessageType.PINGREQ, false, MqttQoS.AT_MOST_ONCE, false, 0));
  private static final MqttMessage DISCONNECT = new MqttMessage(
      new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0));

  private Packets() {}

  static MqttConnectMessage connect(MqttOptions options) {
    Credentials credentials = options.credentials();
    String username = credentials == null ? null : credentials.username();
    byte[] password = credentials == null ? null : credentials.password();
    MqttConnectVariableHeader header = new MqttConnectVariableHeader(
        MqttVersion.MQTT_3_1_1.protocolName(),
        MqttVersion.MQTT_3_1_1.protocolLevel(),
        username != null,
        password != null,
        false,
        0,
        false,
        options.cleanSession(),
        options.keepAliveSeconds());
    MqttConnectPayload payload =
        new MqttConnectPayload(options.clientId(), null, null, null, username, password);
    return new MqttConnectMessage(fixed(MqttMessageType.CONNECT, MqttQoS.AT_MOST_ONCE), header,
        payload);
  }

  /** A PUBLISH; {@code packetId} is ignored at QoS 0, which carries none (MQTT-2.3.1-5). */
  static MqttPublishMessage publish(Publish publish, int packetId, boolean duplicate) {
    MqttQoS qos = MqttQoS.valueOf(publish.qos().value());
    MqttFixedHeader header = new MqttFixedHeader(MqttMessageType.PUBLISH, duplicate, qos,
        publish.retain(), 0);
    int id = qos == MqttQoS.AT_MOST_ONCE ? -1 : packetId;
    return new MqttPublishMessage(header, new MqttPublishVariableHeader(publish.topic(), id),
        Unpooled.wrappedBuffer(publish.payload()));
  }

  /** A PUBREL, whose fixed header flags are 0010 (MQTT-3.6.1-1). */
  static MqttMessage pubrel(int packetId) {
    return new MqttMessage(fixed(MqttMessageType.PUBREL, MqttQoS.AT_LEAST_ONCE),
        MqttMessageIdVariableHeader.from(packetId));
  }

  static MqttMessage pingreq() {
    return PINGREQ;
  }

  static MqttMessage disconnect() {
    return DISCONNECT;
  }

  private static MqttFixedHeader fixed(MqttMessageType type, MqttQoS qos) {
    return new MqttFixedHeader(type, false, qos, false, 0);
  }
}
