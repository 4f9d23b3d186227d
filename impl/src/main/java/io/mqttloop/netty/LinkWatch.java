package io.mqttloop.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Watches one channel for signs that its link is alive: bytes read from the broker, and bytes of
 * the loop's own that had to wait and then left for the kernel, which takes them only once the
 * far side has acknowledged earlier ones. It sits first in the pipeline, so it sees every byte
 * read, even of a packet not yet whole; it reads the time from the event loop's ticker.
 *
 * <p>What sits in the kernel's buffers is out of its sight: the loop keeps that small (see its
 * send buffer), and gives it time to cross before it calls a link dead.
 */
final class LinkWatch extends ChannelInboundHandlerAdapter {
  private long lastRead;
  private long lastMove;
  private @Nullable Object lastCurrent;
  private long lastProgress;

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    lastRead = now(ctx.channel());
    lastMove = lastRead;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object bytes) {
    lastRead = now(ctx.channel());
    ctx.fireChannelRead(bytes);
  }

  /**
   * Looks at the link now: bytes that waited to be written and have moved since the last look
   * are a sign of life.
   *
   * @return how long, in nanoseconds, the link has given no sign of life
   */
  long look(Channel channel) {
    long now = now(channel);
    if (outboundMoved(channel)) {
      lastMove = now;
    }
    return now - Math.max(lastRead, lastMove);
  }

  /** When a byte was last read, in nanoseconds of the event loop's ticker. */
  long lastRead() {
    return lastRead;
  }

  /**
   * Whether bytes that waited in the outbound buffer have left it since the last look: the
   * message at its head was written whole, or in part. Bytes added behind it are no sign.
   */
  private boolean outboundMoved(Channel channel) {
    ChannelOutboundBuffer outbound = channel.unsafe().outboundBuffer();
    if (outbound == null) {
      return false;
    }
    Object current = outbound.current();
    long progress = outbound.currentProgress();
    boolean moved = lastCurrent != null
        && (current != lastCurrent || progress != lastProgress);
    lastCurrent = current;
    lastProgress = progress;
    return moved;
  }

  private static long now(Channel channel) {
    return channel.eventLoop().ticker().nanoTime();
  }
}
