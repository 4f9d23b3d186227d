package io.mqttloop.netty;

import io.mqttloop.Credentials;
import io.mqttloop.MqttOptions;
import io.mqttloop.Publish;
import io.mqttloop.QoS;
import io.mqttloop.Request;
import io.mqttloop.Subscribe;
import io.mqttloop.Subscription;
import io.mqttloop.Unsubscribe;
import io.mqttloop.Will;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttSubscribePayload;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.codec.mqtt.MqttUnsubscribePayload;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** The MQTT 3.1.1 packets the client sends, as Netty's codec models them. */
final class Packets {
  private static final MqttMessage PINGREQ = new MqttMessage(
      new MqttFixedHeader(MqttMessageType.PINGREQ, false, MqttQoS.AT_MOST_ONCE, false, 0));
  private static final MqttMessage DISCONNECT = new MqttMessage(
      new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0));
  private static final MqttFixedHeader[] PUBLISH_HEADERS = publishHeaders();
  private static final MqttFixedHeader PUBACK = fixed(MqttMessageType.PUBACK, MqttQoS.AT_MOST_ONCE);
  private static final MqttFixedHeader PUBREC = fixed(MqttMessageType.PUBREC, MqttQoS.AT_MOST_ONCE);
  private static final MqttFixedHeader PUBREL =
      fixed(MqttMessageType.PUBREL, MqttQoS.AT_LEAST_ONCE);
  private static final MqttFixedHeader PUBCOMP =
      fixed(MqttMessageType.PUBCOMP, MqttQoS.AT_MOST_ONCE);

  private Packets() {}

  /** CONNECT: will fields only with a will, a password only with a user name (3.1.2-9 to -22). */
  static MqttConnectMessage connect(MqttOptions options) {
    Credentials credentials = options.credentials();
    String username = credentials == null ? null : credentials.username();
    byte[] password = credentials == null ? null : credentials.password();
    Will will = options.will();
    MqttConnectVariableHeader header = new MqttConnectVariableHeader(
        MqttVersion.MQTT_3_1_1.protocolName(),
        MqttVersion.MQTT_3_1_1.protocolLevel(),
        username != null,
        password != null,
        will != null && will.retain(),
        will == null ? 0 : will.qos().value(),
        will != null,
        options.cleanSession(),
        options.keepAliveSeconds());
    MqttConnectPayload payload = new MqttConnectPayload(options.clientId(), null,
        will == null ? null : will.topic(), will == null ? null : bytesOf(will.payload()),
        username, password);
    return new MqttConnectMessage(fixed(MqttMessageType.CONNECT, MqttQoS.AT_MOST_ONCE), header,
        payload);
  }

  /** SUBSCRIBE, whose fixed header flags are 0010 (MQTT-3.8.1-1). */
  static MqttSubscribeMessage subscribe(Subscribe subscribe, int packetId) {
    List<MqttTopicSubscription> topics = new ArrayList<>(subscribe.subscriptions().size());
    for (Subscription subscription : subscribe.subscriptions()) {
      topics.add(new MqttTopicSubscription(subscription.filter(),
          MqttQoS.valueOf(subscription.qos().value())));
    }
    return new MqttSubscribeMessage(fixed(MqttMessageType.SUBSCRIBE, MqttQoS.AT_LEAST_ONCE),
        MqttMessageIdVariableHeader.from(packetId), new MqttSubscribePayload(topics));
  }

  /** UNSUBSCRIBE, whose fixed header flags are 0010 (MQTT-3.10.1-1). */
  static MqttUnsubscribeMessage unsubscribe(Unsubscribe unsubscribe, int packetId) {
    return new MqttUnsubscribeMessage(fixed(MqttMessageType.UNSUBSCRIBE, MqttQoS.AT_LEAST_ONCE),
        MqttMessageIdVariableHeader.from(packetId),
        new MqttUnsubscribePayload(unsubscribe.filters()));
  }

  static MqttMessage puback(int packetId) {
    return new MqttMessage(PUBACK, MqttMessageIdVariableHeader.from(packetId));
  }

  static MqttMessage pubrec(int packetId) {
    return new MqttMessage(PUBREC, MqttMessageIdVariableHeader.from(packetId));
  }

  static MqttMessage pubcomp(int packetId) {
    return new MqttMessage(PUBCOMP, MqttMessageIdVariableHeader.from(packetId));
  }

  /**
   * The size of the packet that sends {@code request}, fixed header included, or an upper bound
   * of it when that is within {@code limit}: exact UTF-8 lengths are counted only when it matters.
   */
  static long sizeOf(Request request, int limit) {
    if (request instanceof Publish publish) {
      return publishSize(publish, limit);
    }
    long remaining = 2;
    if (request instanceof Subscribe subscribe) {
      for (Subscription subscription : subscribe.subscriptions()) {
        remaining += 3 + utf8Length(subscription.filter());
      }
    } else {
      for (String filter : ((Unsubscribe) request).filters()) {
        remaining += 2 + utf8Length(filter);
      }
    }
    return 1 + lengthBytes(remaining) + remaining;
  }

  private static long publishSize(Publish publish, int limit) {
    int idBytes = publish.qos() == QoS.AT_MOST_ONCE ? 0 : 2;
    long bound = 5L + 2 + 3L * publish.topic().length() + idBytes + publish.payloadSize();
    if (bound <= limit) {
      return bound;
    }
    long remaining = 2L + utf8Length(publish.topic()) + idBytes + publish.payloadSize();
    return 1 + lengthBytes(remaining) + remaining;
  }

  private static int utf8Length(String text) {
    return ByteBufUtil.utf8Bytes(text);
  }

  /** How many bytes the remaining length {@code remaining} takes in a fixed header (2.2.3). */
  static int lengthBytes(long remaining) {
    return remaining < 128 ? 1 : remaining < 16_384 ? 2 : remaining < 2_097_152 ? 3 : 4;
  }

  private static byte[] bytesOf(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  /**
   * A PUBLISH; {@code packetId} is ignored at QoS 0, which carries none (MQTT-2.3.1-5). Its parts
   * are made only if a handler asks for them (see {@link OutgoingPublish}).
   */
  static MqttPublishMessage publish(Publish publish, int packetId, boolean duplicate) {
    int qos = publish.qos().value();
    MqttFixedHeader header = PUBLISH_HEADERS[headerIndex(duplicate, qos, publish.retain())];
    int id = qos == 0 ? -1 : packetId;
    return new OutgoingPublish(header, publish, id);
  }

  /** Every PUBLISH fixed header there is, by DUP, QoS and RETAIN; a header is immutable. */
  private static MqttFixedHeader[] publishHeaders() {
    MqttFixedHeader[] headers = new MqttFixedHeader[12];
    for (int qos = 0; qos <= 2; qos++) {
      for (boolean duplicate : new boolean[] {false, true}) {
        for (boolean retain : new boolean[] {false, true}) {
          headers[headerIndex(duplicate, qos, retain)] = new MqttFixedHeader(
              MqttMessageType.PUBLISH, duplicate, MqttQoS.valueOf(qos), retain, 0);
        }
      }
    }
    return headers;
  }

  private static int headerIndex(boolean duplicate, int qos, boolean retain) {
    return qos << 2 | (duplicate ? 2 : 0) | (retain ? 1 : 0);
  }

  /** A PUBREL, whose fixed header flags are 0010 (MQTT-3.6.1-1). */
  static MqttMessage pubrel(int packetId) {
    return new MqttMessage(PUBREL, MqttMessageIdVariableHeader.from(packetId));
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
