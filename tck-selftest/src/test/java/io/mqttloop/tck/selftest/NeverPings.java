package io.mqttloop.tck.selftest;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.util.ReferenceCountUtil;

/**
 * Breaks MQTT-3.1.2-23 by never pinging: it swallows every PINGREQ and reports it written, so
 * the loop believes it keeps the connection alive while the broker hears nothing.
 */
final class NeverPings extends ChannelOutboundHandlerAdapter {

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof MqttMessage message
        && message.fixedHeader().messageType() == MqttMessageType.PINGREQ) {
      ReferenceCountUtil.release(msg);
      promise.setSuccess();
    } else {
      ctx.write(msg, promise);
    }
  }
}
