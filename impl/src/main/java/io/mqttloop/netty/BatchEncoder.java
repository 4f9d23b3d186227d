package io.mqttloop.netty;

import io.mqttloop.Publish;
import io.mqttloop.spi.PublishPayload;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

/**
 * Encodes the packets a loop sends most, PUBLISH and the acknowledgements of publishes, into one
 * buffer that collects them until the next flush: a window of publishes reaches the socket as one
 * buffer, and no buffer is allocated per packet. Every other write (CONNECT, SUBSCRIBE, a PINGREQ,
 * a QoS 0 publish whose write is watched) goes on to Netty's MQTT encoder after what the buffer
 * holds, so that packets reach the wire in the order they were written.
 */
final class BatchEncoder extends ChannelOutboundHandlerAdapter {
  /** The size of a new buffer; a packet that does not fit goes in the next one. */
  private static final int BUFFER_BYTES = 8 * 1024;
  private static final int PACKET_ID_BYTES = 2;

  private @Nullable ByteBuf batch;

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (promise.isVoid() && msg instanceof MqttMessage packet && collects(packet)) {
      try {
        append(ctx, packet);
      } finally {
        ReferenceCountUtil.release(packet);
      }
      return;
    }
    passOn(ctx);
    ctx.write(msg, promise);
  }

  @Override
  public void flush(ChannelHandlerContext ctx) {
    passOn(ctx);
    ctx.flush();
  }

  /** Releases what was collected and never flushed: the channel is gone. */
  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    ByteBuf collected = batch;
    batch = null;
    if (collected != null) {
      collected.release();
    }
  }

  private static boolean collects(MqttMessage packet) {
    return switch (packet.fixedHeader().messageType()) {
      case PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP -> true;
      default -> false;
    };
  }

  /** Appends {@code packet} whole or not at all: a packet that fails leaves no bytes behind. */
  private void append(ChannelHandlerContext ctx, MqttMessage packet) {
    ByteBuf before = batch;
    int end = before == null ? 0 : before.writerIndex();
    try {
      if (packet instanceof MqttPublishMessage publish) {
        appendPublish(ctx, publish);
      } else {
        appendAcknowledgement(ctx, packet);
      }
    } catch (RuntimeException e) {
      ByteBuf current = batch;
      if (current != null) {
        current.writerIndex(current == before ? end : 0);
      }
      throw e;
    }
  }

  /**
   * PUBLISH (MQTT 3.1.1 section 3.3): the topic, a packet id above QoS 0, the payload; taken from
   * the {@link io.mqttloop.Publish} itself when no handler has made the message's parts.
   */
  private void appendPublish(ChannelHandlerContext ctx, MqttPublishMessage message) {
    if (message instanceof OutgoingPublish outgoing && !outgoing.payloadMade()) {
      Publish publish = outgoing.publish();
      byte[] payload = PublishPayload.arrayOf(publish);
      ByteBuf out = publishHeader(ctx, message.fixedHeader(), publish.topic(),
          outgoing.packetId(), payload.length);
      out.writeBytes(payload);
      return;
    }
    ByteBuf payload = message.payload();
    ByteBuf out = publishHeader(ctx, message.fixedHeader(), message.variableHeader().topicName(),
        message.variableHeader().packetId(), payload.readableBytes());
    out.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
  }

  /** Writes all of a PUBLISH but its payload, in a buffer with room for the payload too. */
  private ByteBuf publishHeader(ChannelHandlerContext ctx, MqttFixedHeader header, String topic,
      int packetId, int payloadBytes) {
    int topicBytes = ByteBufUtil.utf8Bytes(topic);
    boolean hasPacketId = header.qosLevel() != MqttQoS.AT_MOST_ONCE;
    int remaining = 2 + topicBytes + (hasPacketId ? PACKET_ID_BYTES : 0) + payloadBytes;

    ByteBuf out = room(ctx, 1 + Packets.lengthBytes(remaining) + remaining);
    out.writeByte(firstByte(header));
    writeRemainingLength(out, remaining);
    out.writeShort(topicBytes);
    ByteBufUtil.reserveAndWriteUtf8(out, topic, topicBytes);
    if (hasPacketId) {
      out.writeShort(packetId);
    }
    return out;
  }

  /** PUBACK, PUBREC, PUBREL or PUBCOMP: the type, remaining length 2, the packet id. */
  private void appendAcknowledgement(ChannelHandlerContext ctx, MqttMessage packet) {
    int packetId = ((MqttMessageIdVariableHeader) packet.variableHeader()).messageId();
    ByteBuf out = room(ctx, 2 + PACKET_ID_BYTES);
    out.writeByte(firstByte(packet.fixedHeader()));
    out.writeByte(PACKET_ID_BYTES);
    out.writeShort(packetId);
  }

  /**
   * The type in the high four bits, then DUP, QoS and RETAIN as the header has them (MQTT-2.2.2-2);
   * a PUBREL's header carries QoS 1, which makes its flags 0010 (MQTT-3.6.1-1).
   */
  private static int firstByte(MqttFixedHeader header) {
    return header.messageType().value() << 4 | (header.isDup() ? 0x08 : 0)
        | header.qosLevel().value() << 1 | (header.isRetain() ? 0x01 : 0);
  }

  /** The buffer to write {@code bytes} more to: the batch, or a new one once it is full. */
  private ByteBuf room(ChannelHandlerContext ctx, int bytes) {
    ByteBuf current = batch;
    if (current != null && current.writableBytes() >= bytes) {
      return current;
    }
    passOn(ctx);
    ByteBuf fresh = ctx.alloc().ioBuffer(Math.max(bytes, BUFFER_BYTES));
    batch = fresh;
    return fresh;
  }

  /** Writes what the batch holds to the next handler, to go out with the next flush. */
  private void passOn(ChannelHandlerContext ctx) {
    ByteBuf collected = batch;
    batch = null;
    if (collected != null) {
      ctx.write(collected, ctx.voidPromise());
    }
  }

  /** The remaining length in base 128, seven bits a byte, least significant first (2.2.3). */
  private static void writeRemainingLength(ByteBuf out, int remaining) {
    int left = remaining;
    do {
      int digit = left & 0x7F;
      left >>>= 7;
      out.writeByte(left > 0 ? digit | 0x80 : digit);
    } while (left > 0);
  }
}
