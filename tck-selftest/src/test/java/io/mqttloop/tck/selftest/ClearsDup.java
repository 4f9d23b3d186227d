package io.mqttloop.tck.selftest;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttPublishMessage;

/**
 * Breaks MQTT-3.3.1-1 by dropping DUP on resend: every PUBLISH goes out with its DUP flag
 * cleared, so a publish resent after a reconnect looks like a first delivery.
 */
final class ClearsDup extends ChannelOutboundHandlerAdapter {

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof MqttPublishMessage publish) {
      ctx.write(PublishRewrites.withoutDup(publish), promise);
    } else {
      ctx.write(msg, promise);
    }
  }
}
