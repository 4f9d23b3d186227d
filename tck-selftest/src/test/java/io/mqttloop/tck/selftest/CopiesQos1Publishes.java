package io.mqttloop.tck.selftest;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttPublishMessage;

/**
 * Breaks the inflight window by exceeding it: every QoS 1 PUBLISH goes out twice, the copy under
 * a packet id half the id space away, so twice as many publishes are in flight as the window
 * allows.
 */
final class CopiesQos1Publishes extends ChannelOutboundHandlerAdapter {
  private static final int HIGHEST_ID = 65_535;

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (PublishRewrites.isQos1Publish(msg)) {
      MqttPublishMessage publish = (MqttPublishMessage) msg;
      MqttPublishMessage copy =
          PublishRewrites.copyWithPacketId(publish, otherId(publish.variableHeader().packetId()));
      ctx.write(msg, promise);
      ctx.write(copy, ctx.voidPromise());
    } else {
      ctx.write(msg, promise);
    }
  }

  /** An id in 1..65535 that is half the id space away from {@code packetId}. */
  private static int otherId(int packetId) {
    return (packetId + HIGHEST_ID / 2) % HIGHEST_ID + 1;
  }
}
