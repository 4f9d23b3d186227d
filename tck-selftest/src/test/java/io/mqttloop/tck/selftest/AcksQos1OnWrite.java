package io.mqttloop.tck.selftest;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPubAckMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;

/**
 * Breaks MQTT-4.3.2-1 by completing QoS 1 publishes on write: as each QoS 1 PUBLISH goes out,
 * it hands the loop a PUBACK for its packet id at once, as if the broker had answered, so the
 * loop completes the publish before the broker acknowledged it.
 */
final class AcksQos1OnWrite extends ChannelOutboundHandlerAdapter {

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (PublishRewrites.isQos1Publish(msg)) {
      MqttPubAckMessage fakeAck = pubackFor((MqttPublishMessage) msg);
      ctx.executor().execute(() -> {
        ctx.fireChannelRead(fakeAck);
        ctx.fireChannelReadComplete();
      });
    }
    ctx.write(msg, promise);
  }

  /** The PUBACK a broker would send for {@code publish}. */
  private static MqttPubAckMessage pubackFor(MqttPublishMessage publish) {
    MqttFixedHeader header =
        new MqttFixedHeader(MqttMessageType.PUBACK, false, MqttQoS.AT_MOST_ONCE, false, 2);
    return new MqttPubAckMessage(header,
        MqttMessageIdVariableHeader.from(publish.variableHeader().packetId()));
  }
}
