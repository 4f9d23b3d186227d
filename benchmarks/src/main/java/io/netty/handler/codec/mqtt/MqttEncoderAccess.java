package io.netty.handler.codec.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

/**
 * Reaches the encoding step of Netty's {@link MqttEncoder}, which is package-private, so that a
 * benchmark can measure it without the pipeline around it. Works on the class path only.
 */
public final class MqttEncoderAccess {
  private MqttEncoderAccess() {}

  /** The bytes of {@code message}, as the encoder would write them; the caller releases them. */
  public static ByteBuf encode(ChannelHandlerContext context, MqttMessage message) {
    return MqttEncoder.doEncode(context, message);
  }
}
