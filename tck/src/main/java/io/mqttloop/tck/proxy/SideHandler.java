package io.mqttloop.tck.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** The last handler of each of a link's two channels: hands every event to the link. */
final class SideHandler extends ChannelInboundHandlerAdapter {
  private final Link link;
  private final Side side;

  SideHandler(Link link, Side side) {
    this.link = link;
    this.side = side;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    link.read(side, (ByteBuf) msg);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    link.writabilityChanged(side);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    link.inactive(side);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    link.failed(side, cause);
  }
}
