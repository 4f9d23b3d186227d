package io.mqttloop.netty;

import io.mqttloop.Publish;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttEncoderAccess;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.util.ReferenceCountUtil;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A channel whose pipeline holds Netty's MQTT encoder, as the loop's does: its context gives the
 * encoder the channel's allocator. A JMH state, one per thread.
 */
@State(Scope.Thread)
public class EncoderContext {
  private static final int PACKET_ID = 42;

  private EmbeddedChannel channel = new EmbeddedChannel();
  private ChannelHandlerContext context = channel.pipeline().firstContext();

  @Setup
  public void setUp() {
    channel = new EmbeddedChannel(MqttEncoder.INSTANCE);
    context = channel.pipeline().context(MqttEncoder.INSTANCE);
  }

  @TearDown
  public void tearDown() {
    channel.finishAndReleaseAll();
  }

  /**
   * Encodes {@code publish} under packet id 42 as the pipeline does, releasing the message and
   * then its bytes; returns the packet's length.
   */
  int encodeAndRelease(Publish publish) {
    MqttPublishMessage message = Packets.publish(publish, PACKET_ID, false);
    ByteBuf bytes = MqttEncoderAccess.encode(context, message);
    ReferenceCountUtil.release(message);
    int length = bytes.readableBytes();
    bytes.release();
    return length;
  }
}
