package io.mqttloop.examples;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each MQTT packet a loop sends or receives, by type and size, at DEBUG; never its payload.
 * It sits between the MQTT decoder and encoder, where packets coming in are decoded messages
 * and packets going out are their encoded bytes. It passes everything on unchanged.
 */
final class PacketLog extends ChannelDuplexHandler {
  private static final Logger LOG = LoggerFactory.getLogger(PacketLog.class);

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (LOG.isDebugEnabled() && msg instanceof MqttMessage packet) {
      LOG.debug("{} received {}", ctx.channel().id().asShortText(), describe(packet));
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (LOG.isDebugEnabled() && msg instanceof ByteBuf encoded) {
      LOG.debug("{} sent {}", ctx.channel().id().asShortText(), describe(encoded));
    }
    ctx.write(msg, promise);
  }

  /** The type and size of an encoded packet, such as "PUBLISH, 27 bytes". */
  static String describe(ByteBuf encoded) {
    if (!encoded.isReadable()) {
      return "no bytes";
    }
    int type = encoded.getUnsignedByte(encoded.readerIndex()) >> 4;
    return typeName(type) + ", " + encoded.readableBytes() + " bytes";
  }

  /**
   * The type and size of a decoded packet, such as "PUBACK, 4 bytes": its fixed header, which
   * counts the bytes of its remaining length too, and its remaining length.
   */
  static String describe(MqttMessage decoded) {
    MqttFixedHeader header = decoded.fixedHeader();
    if (header == null) {
      return "a packet that did not decode";
    }
    int remaining = header.remainingLength();
    int size = 1 + lengthFieldBytes(remaining) + remaining;
    return header.messageType() + ", " + size + " bytes";
  }

  /** How many bytes MQTT's variable-length encoding takes for {@code remaining}. */
  private static int lengthFieldBytes(int remaining) {
    int bytes = 1;
    for (int rest = remaining >> 7; rest > 0; rest >>= 7) {
      bytes++;
    }
    return bytes;
  }

  private static String typeName(int type) {
    try {
      return MqttMessageType.valueOf(type).toString();
    } catch (IllegalArgumentException reserved) {
      return "type " + type;
    }
  }
}
