package io.mqttloop.tck.scripted;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A packet the scripted broker received from a client, decoded, with the connection it came on.
 *
 * <p>A PUBLISH keeps its payload in a heap buffer that nothing releases, so the packet stays
 * readable for the whole test; read it with {@link #payload()}, which leaves the buffer as it is.
 * A packet the decoder refused is recorded too: {@link #isMalformed()} tells it apart.
 *
 * <p>The decoder checks the fixed header flags and keeps only their meaning, so the byte the
 * client wrote is recorded apart, as {@link #firstByte()}: the place to check the reserved flags
 * (MQTT-2.2.2-1), malformed packets included.
 *
 * @param connection which connection it came on: 0 for the first the broker accepted, 1 for the
 *     next, and so on
 * @param message the packet as netty-codec-mqtt decoded it
 * @param firstByte the first byte of the packet as the client wrote it, 0 to 255: the type in
 *     the high four bits, the flags in the low four
 */
public record ReceivedPacket(int connection, MqttMessage message, int firstByte) {

  /**
   * Checks the first byte.
   *
   * @throws IllegalArgumentException when {@code firstByte} is not 0 to 255
   */
  public ReceivedPacket {
    if (firstByte < 0 || firstByte > 0xFF) {
      throw new IllegalArgumentException("firstByte must be 0 to 255, was " + firstByte);
    }
  }

  /** A predicate for packets of one type, to pass to the broker's {@code await} methods. */
  public static Predicate<ReceivedPacket> ofType(MqttMessageType type) {
    return packet -> packet.is(type);
  }

  /**
   * A predicate for well-formed packets of one type that carry this packet identifier: the
   * client's PUBACK, PUBREC or PUBCOMP for a PUBLISH the broker sent it, say.
   */
  public static Predicate<ReceivedPacket> ofType(MqttMessageType type, int packetId) {
    return packet -> packet.is(type) && !packet.isMalformed() && packet.hasPacketId()
        && packet.packetId() == packetId;
  }

  /** The low four bits of {@link #firstByte()}, as the client wrote them. */
  public int flags() {
    return firstByte & 0x0F;
  }

  /**
   * The packet's type, or null when the decoder could not even read its fixed header (an
   * unknown type or a broken remaining length).
   */
  public @Nullable MqttMessageType type() {
    MqttFixedHeader header = message.fixedHeader();
    return header == null ? null : header.messageType();
  }

  /** Whether the packet is of this type. */
  public boolean is(MqttMessageType type) {
    return type() == type;
  }

  /** Whether the decoder refused the packet; {@link #malformation()} says why. */
  public boolean isMalformed() {
    return message.decoderResult().isFailure();
  }

  /** Why the decoder refused the packet, or null when it was well-formed. */
  public @Nullable Throwable malformation() {
    return message.decoderResult().cause();
  }

  /**
   * The packet identifier of a PUBLISH at QoS 1 or 2, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBSCRIBE
   * or UNSUBSCRIBE.
   *
   * @throws IllegalStateException when the packet carries no identifier
   */
  public int packetId() {
    Object header = message.variableHeader();
    if (header instanceof MqttPublishVariableHeader publish && publish.packetId() > 0) {
      return publish.packetId();
    }
    if (header instanceof MqttMessageIdVariableHeader withId) {
      return withId.messageId();
    }
    throw new IllegalStateException("packet carries no packet identifier: " + this);
  }

  /** Whether {@link #packetId()} has an identifier to return. */
  public boolean hasPacketId() {
    Object header = message.variableHeader();
    return header instanceof MqttPublishVariableHeader publish && publish.packetId() > 0
        || header instanceof MqttMessageIdVariableHeader;
  }

  /**
   * A copy of a PUBLISH's payload.
   *
   * @throws IllegalStateException when the packet is not a PUBLISH
   */
  public byte[] payload() {
    MqttPublishMessage publish = as(MqttPublishMessage.class);
    return ByteBufUtil.getBytes(publish.content());
  }

  /**
   * The decoded message as one of netty-codec-mqtt's message classes, for example
   * {@code as(MqttConnectMessage.class)}.
   *
   * @throws IllegalStateException when the message is not of that class
   */
  public <T extends MqttMessage> T as(Class<T> messageClass) {
    if (!messageClass.isInstance(message)) {
      throw new IllegalStateException(
          "packet is not a " + messageClass.getSimpleName() + ": " + this);
    }
    return messageClass.cast(message);
  }

  /**
   * The connection, the type, the headers that identify the packet and its first byte; never
   * the payload.
   */
  @Override
  public String toString() {
    return "connection " + connection + ": " + PacketDescription.of(message)
        + String.format(" [first byte 0x%02X]", firstByte);
  }
}
