package io.mqttloop.netty;

import io.mqttloop.MqttProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;

/**
 * Carries the MQTT byte stream in WebSocket binary frames: each buffer the MQTT encoder writes
 * goes out as one frame, and the content of each frame read goes on to the MQTT decoder, which
 * gathers packets that span frames and splits frames that hold several. A text frame is a
 * protocol error (MQTT-6.0.0-1), as is a frame Netty's decoder refuses, such as one too large.
 * Ping, pong and close frames never reach it.
 */
final class BinaryFrameCodec extends MessageToMessageCodec<WebSocketFrame, ByteBuf> {

  @Override
  protected void encode(ChannelHandlerContext ctx, ByteBuf bytes, List<Object> out) {
    out.add(new BinaryWebSocketFrame(bytes.retain()));
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
    if (!(frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame)) {
      throw new CorruptedFrameException("the broker sent a " + frame.getClass().getSimpleName()
          + ", and MQTT travels in binary frames only (MQTT-6.0.0-1)");
    }
    out.add(frame.content().retain());
  }

  /** A frame the broker should not have sent, as this one or Netty's decoder found, breaks MQTT. */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.fireExceptionCaught(cause instanceof CorruptedFrameException
        ? new MqttProtocolException("the broker sent a WebSocket frame the loop cannot take: "
            + cause.getMessage(), cause)
        : cause);
  }
}
