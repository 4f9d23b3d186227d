package io.mqttloop.tck.selftest;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;

/**
 * Breaks MQTT-2.3.1-2 by reusing packet ids in flight: every QoS 1 and 2 PUBLISH goes out under
 * the same packet id, {@value #THE_ID}, however many are unacknowledged.
 */
final class OneIdForEveryPublish extends ChannelOutboundHandlerAdapter {
  /** The packet id every PUBLISH goes out under. */
  static final int THE_ID = 1;

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof MqttPublishMessage publish
        && publish.fixedHeader().qosLevel() != MqttQoS.AT_MOST_ONCE) {
      ctx.write(PublishRewrites.withPacketId(publish, THE_ID), promise);
    } else {
      ctx.write(msg, promise);
    }
  }
}
