package io.mqttloop.netty;

import io.mqttloop.spi.LoopThreads;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/** Hands what happens on the channel to the loop, which owns all protocol logic. */
final class MqttChannelHandler extends SimpleChannelInboundHandler<MqttMessage> {

  /** What the loop hears from its channel; every call comes on the channel's event loop. */
  interface Listener {
    void packetArrived(MqttMessage message);

    void readBatchEnded();

    void writabilityChanged();

    void writerIdle();

    void channelClosed();

    void channelFailed(Throwable cause);
  }

  private final Listener listener;

  MqttChannelHandler(Listener listener) {
    super(MqttMessage.class, false);
    this.listener = listener;
  }

  /** Marks the thread of a caller's group as a loop's thread; the loop's own is marked already. */
  @Override
  public void channelRegistered(ChannelHandlerContext ctx) {
    LoopThreads.markCurrent();
    ctx.fireChannelRegistered();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, MqttMessage message) {
    try {
      listener.packetArrived(message);
    } finally {
      ReferenceCountUtil.release(message);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    listener.readBatchEnded();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    listener.writabilityChanged();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent) {
      listener.writerIdle();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    listener.channelClosed();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    listener.channelFailed(cause);
  }
}
