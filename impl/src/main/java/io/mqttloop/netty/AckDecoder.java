package io.mqttloop.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Decodes the packets a publishing client receives most, the four-byte acknowledgements (PUBACK,
 * PUBREC, PUBREL, PUBCOMP, UNSUBACK), as they are, and hands the bytes of every other packet on to
 * Netty's MQTT decoder, packet by packet as they arrive, never holding them. Netty's decoder so
 * sees a stream with the acknowledgements taken out, and judges everything else as before: an
 * acknowledgement that is not exactly as MQTT 3.1.1 writes it (other flags, a remaining length
 * other than 2, packet id 0) goes to it too, to be refused there.
 */
final class AckDecoder extends ByteToMessageDecoder {
  private static final int ACK_BYTES = 4;
  private static final int MAX_LENGTH_BYTES = 4;
  private static final @Nullable MqttFixedHeader[] ACK_HEADERS = ackHeaders();

  /** The bytes of the current packet still to hand on to Netty's decoder. */
  private long handingOn;

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    while (in.isReadable()) {
      if (handingOn > 0) {
        handOn(in, out);
      } else if (!startPacket(in, out)) {
        return;
      }
    }
  }

  private void handOn(ByteBuf in, List<Object> out) {
    int bytes = (int) Math.min(handingOn, in.readableBytes());
    out.add(in.readRetainedSlice(bytes));
    handingOn -= bytes;
  }

  /**
   * At the start of a packet: decodes it if it is an acknowledgement, else sets its bytes to be
   * handed on. False when more bytes must arrive first.
   */
  private boolean startPacket(ByteBuf in, List<Object> out) {
    int start = in.readerIndex();
    MqttFixedHeader ack = ACK_HEADERS[in.getUnsignedByte(start)];
    if (ack != null && in.readableBytes() >= 2 && in.getUnsignedByte(start + 1) == 2) {
      if (in.readableBytes() < ACK_BYTES) {
        return false;
      }
      int packetId = in.getUnsignedShort(start + 2);
      if (packetId != 0) {
        in.skipBytes(ACK_BYTES);
        out.add(new MqttMessage(ack, MqttMessageIdVariableHeader.from(packetId)));
        return true;
      }
    }
    long length = packetLength(in);
    if (length < 0) {
      return false;
    }
    handingOn = length;
    return true;
  }

  /**
   * The length of the packet at the reader index, fixed header included, or -1 when its remaining
   * length has not all arrived. A remaining length longer than four bytes is malformed: all that
   * follows goes to Netty's decoder, which refuses it.
   */
  private static long packetLength(ByteBuf in) {
    int start = in.readerIndex();
    long remaining = 0;
    for (int i = 0; i < MAX_LENGTH_BYTES; i++) {
      if (in.readableBytes() < i + 2) {
        return -1;
      }
      int digit = in.getUnsignedByte(start + 1 + i);
      remaining |= (long) (digit & 0x7F) << (7 * i);
      if ((digit & 0x80) == 0) {
        return 1 + (i + 1) + remaining;
      }
    }
    return Long.MAX_VALUE;
  }

  /** The header of each acknowledgement, by its first byte as MQTT 3.1.1 writes it. */
  private static @Nullable MqttFixedHeader[] ackHeaders() {
    @Nullable MqttFixedHeader[] headers = new MqttFixedHeader[256];
    for (MqttMessageType type : List.of(MqttMessageType.PUBACK, MqttMessageType.PUBREC,
        MqttMessageType.PUBCOMP, MqttMessageType.UNSUBACK)) {
      headers[type.value() << 4] =
          new MqttFixedHeader(type, false, MqttQoS.AT_MOST_ONCE, false, 2);
    }
    headers[MqttMessageType.PUBREL.value() << 4 | 0x02] = new MqttFixedHeader(
        MqttMessageType.PUBREL, false, MqttQoS.AT_LEAST_ONCE, false, 2);
    return headers;
  }
}
