package io.mqttloop.netty;

import io.mqttloop.spi.LoopThreads;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/** Hands what happens on the channel to the loop, which owns all protocol logic. */
final class MqttChannelHandler extends SimpleChannelInboundHandler<MqttMessage> {

  /**
   * What the loop hears from a channel; every call comes on the channel's event loop and names
   * the channel, so that the loop can tell a connection it replaced from the current one.
   */
  interface Listener {
    void packetArrived(Channel from, MqttMessage message);

    void readBatchEnded(Channel from);

    void writabilityChanged(Channel from);

    /** Nothing was sent ({@code nothingSent}) or nothing read for the keep-alive interval. */
    void keepAliveDue(Channel from, boolean nothingSent);

    void channelClosed(Channel from);

    void channelFailed(Channel from, Throwable cause);
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
      listener.packetArrived(ctx.channel(), message);
    } finally {
      ReferenceCountUtil.release(message);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    listener.readBatchEnded(ctx.channel());
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    listener.writabilityChanged(ctx.channel());
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent idle) {
      listener.keepAliveDue(ctx.channel(), idle.state() == IdleState.WRITER_IDLE);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    listener.channelClosed(ctx.channel());
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    listener.channelFailed(ctx.channel(), cause);
  }
}
