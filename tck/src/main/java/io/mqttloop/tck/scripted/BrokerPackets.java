package io.mqttloop.tck.scripted;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;

/**
 * The packets a broker sends, ready for {@link ScriptedBroker#send}. A PUBLISH holds a buffer
 * that the encoder releases once written, so send each one once.
 *
 * <p>Packet identifiers are not checked beyond fitting in 16 bits: a test may well want to send
 * identifier 0 or one the client never used.
 */
public final class BrokerPackets {

  private BrokerPackets() {
  }

  /**
   * A CONNACK.
   *
   * @param returnCode 0 to accept, 1 to 5 to refuse
   * @param sessionPresent the Session Present flag
   * @throws IllegalArgumentException when {@code returnCode} is not 0 to 5
   */
  public static MqttConnAckMessage connack(int returnCode, boolean sessionPresent) {
    if (returnCode < 0 || returnCode > 5) {
      throw new IllegalArgumentException("returnCode must be 0 to 5, was " + returnCode);
    }
    MqttConnectReturnCode code = MqttConnectReturnCode.valueOf((byte) returnCode);
    return new MqttConnAckMessage(
        header(MqttMessageType.CONNACK, MqttQoS.AT_MOST_ONCE),
        new MqttConnAckVariableHeader(code, sessionPresent));
  }

  /**
   * A PUBLISH with DUP 0 and RETAIN 0. The payload is copied.
   *
   * @param qos 0, 1 or 2
   * @param packetId the packet identifier, left out of the packet at QoS 0
   * @throws IllegalArgumentException when {@code qos} is not 0 to 2 or {@code packetId} does not
   *     fit in 16 bits
   */
  public static MqttPublishMessage publish(String topic, int qos, int packetId, byte[] payload) {
    return publish(topic, qos, false, packetId, payload);
  }

  /**
   * A PUBLISH with DUP 1, as a broker re-delivering it would send; RETAIN is 0. The payload is
   * copied.
   *
   * @param qos 0, 1 or 2 (DUP 1 at QoS 0 is a protocol violation a test may want to send)
   * @param packetId the packet identifier, left out of the packet at QoS 0
   * @throws IllegalArgumentException when {@code qos} is not 0 to 2 or {@code packetId} does not
   *     fit in 16 bits
   */
  public static MqttPublishMessage redelivery(
      String topic, int qos, int packetId, byte[] payload) {
    return publish(topic, qos, true, packetId, payload);
  }

  /**
   * A PUBLISH with the DUP and RETAIN flags as given, for a retained message (RETAIN 1 tells the
   * client it comes from the broker's store) or a re-delivery. The payload is copied.
   *
   * @param qos 0, 1 or 2
   * @param packetId the packet identifier, left out of the packet at QoS 0
   * @param dup the DUP flag; 1 at QoS 0 is a protocol violation a test may want to send
   * @param retain the RETAIN flag
   * @throws IllegalArgumentException when {@code qos} is not 0 to 2 or {@code packetId} does not
   *     fit in 16 bits
   */
  public static MqttPublishMessage publish(
      String topic, int qos, int packetId, boolean dup, boolean retain, byte[] payload) {
    return publish(topic, qos, dup, retain, packetId, Unpooled.wrappedBuffer(payload.clone()));
  }

  /** A PUBACK, which ends a client's QoS 1 publish. */
  public static MqttMessage puback(int packetId) {
    return withId(MqttMessageType.PUBACK, MqttQoS.AT_MOST_ONCE, packetId);
  }

  /** A PUBREC, the first answer to a client's QoS 2 publish. */
  public static MqttMessage pubrec(int packetId) {
    return withId(MqttMessageType.PUBREC, MqttQoS.AT_MOST_ONCE, packetId);
  }

  /** A PUBREL with its required flags 0010, which releases a QoS 2 publish sent to the client. */
  public static MqttMessage pubrel(int packetId) {
    return withId(MqttMessageType.PUBREL, MqttQoS.AT_LEAST_ONCE, packetId);
  }

  /** A PUBCOMP, which ends a client's QoS 2 publish. */
  public static MqttMessage pubcomp(int packetId) {
    return withId(MqttMessageType.PUBCOMP, MqttQoS.AT_MOST_ONCE, packetId);
  }

  /**
   * A SUBACK. For a return code MQTT 3.1.1 does not define, use {@link RawPackets#suback}.
   *
   * @param returnCodes one per topic filter: the granted QoS 0 to 2, or 0x80 for a failure
   * @throws IllegalArgumentException when a return code is one netty's codec does not know
   */
  public static MqttSubAckMessage suback(int packetId, int... returnCodes) {
    return new MqttSubAckMessage(
        header(MqttMessageType.SUBACK, MqttQoS.AT_MOST_ONCE),
        MqttMessageIdVariableHeader.from(checkedId(packetId)),
        new MqttSubAckPayload(returnCodes));
  }

  /** An UNSUBACK. */
  public static MqttUnsubAckMessage unsuback(int packetId) {
    return new MqttUnsubAckMessage(
        header(MqttMessageType.UNSUBACK, MqttQoS.AT_MOST_ONCE),
        MqttMessageIdVariableHeader.from(checkedId(packetId)));
  }

  /** A PINGRESP. */
  public static MqttMessage pingresp() {
    return MqttMessage.PINGRESP;
  }

  private static MqttPublishMessage publish(
      String topic, int qos, boolean dup, int packetId, byte[] payload) {
    return publish(topic, qos, dup, false, packetId, Unpooled.wrappedBuffer(payload.clone()));
  }

  /** A PUBLISH that takes over {@code payload}: the encoder releases it once written. */
  static MqttPublishMessage publish(
      String topic, int qos, boolean dup, boolean retain, int packetId, ByteBuf payload) {
    if (qos < 0 || qos > 2) {
      throw new IllegalArgumentException("qos must be 0, 1 or 2, was " + qos);
    }
    MqttQoS level = MqttQoS.valueOf(qos);
    int id = level == MqttQoS.AT_MOST_ONCE ? -1 : checkedId(packetId);
    return new MqttPublishMessage(
        new MqttFixedHeader(MqttMessageType.PUBLISH, dup, level, retain, 0),
        new MqttPublishVariableHeader(topic, id),
        payload);
  }

  private static MqttMessage withId(MqttMessageType type, MqttQoS flagsQos, int packetId) {
    return new MqttMessage(
        header(type, flagsQos), MqttMessageIdVariableHeader.from(checkedId(packetId)));
  }

  private static MqttFixedHeader header(MqttMessageType type, MqttQoS flagsQos) {
    // The encoder computes the remaining length itself, so 0 here is only a placeholder.
    return new MqttFixedHeader(type, false, flagsQos, false, 0);
  }

  private static int checkedId(int packetId) {
    if (packetId < 0 || packetId > 0xFFFF) {
      throw new IllegalArgumentException("packetId must be 0 to 65535, was " + packetId);
    }
    return packetId;
  }
}
