package io.mqttloop.tck.scripted;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a flood's PUBLISH packets while the channel is writable, and sits in the channel's
 * pipeline to hear when it becomes writable again. Packets are made only when they are written,
 * so what the broker holds of a flood is what waits in the channel's outbound buffer: at most the
 * high water mark plus one packet.
 *
 * <p>Writing happens on the channel's event loop only. The counters test threads read are
 * atomic or volatile; {@link #finished} completes normally when every packet is on the socket,
 * and exceptionally when the flood is stopped or the connection fails first.
 */
final class FloodWriter extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(FloodWriter.class);

  /** Packets written in one turn of the event loop before it serves other work in between. */
  private static final int PACKETS_PER_TURN = 256;

  private static final int MAX_PACKET_ID = 0xFFFF;

  private final Channel channel;
  private final String topic;
  private final int count;
  private final int payloadBytes;
  private final int qos;
  private final AtomicInteger written = new AtomicInteger();
  private final CompletableFuture<Void> finished = new CompletableFuture<>();
  private final ChannelFutureListener onWritten = this::onWritten;
  private volatile int handed;
  private volatile boolean paused;
  private volatile boolean stopped;
  private @Nullable ChannelHandlerContext context;
  private boolean writing;

  FloodWriter(Channel channel, int count, int payloadBytes, String topic, int qos) {
    this.channel = channel;
    this.count = count;
    this.payloadBytes = payloadBytes;
    this.topic = topic;
    this.qos = qos;
  }

  /** Joins the pipeline and starts writing, on the event loop; returns at once. */
  void start() {
    channel.eventLoop().execute(() -> {
      if (!channel.isActive()) {
        fail(new IllegalStateException("the connection closed before the flood started"));
        return;
      }
      channel.pipeline().addLast(this);
      if (count == 0) {
        finish();
      } else {
        writeMore();
      }
    });
  }

  int count() {
    return count;
  }

  int written() {
    return written.get();
  }

  int handed() {
    return handed;
  }

  boolean paused() {
    return paused;
  }

  CompletableFuture<Void> finished() {
    return finished;
  }

  /** Hands no further packet to the channel, from the next one on; any thread. */
  void stop() {
    stopped = true;
    finished.completeExceptionally(new IllegalStateException("the flood was stopped"));
  }

  /** Leaves the pipeline; runs on the event loop, and does nothing once it has left. */
  void leave() {
    ChannelHandlerContext ctx = context;
    if (ctx != null && !ctx.isRemoved()) {
      ctx.pipeline().remove(this);
    }
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    context = ctx;
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      writeMore();
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    ctx.fireChannelInactive();
    fail(new IllegalStateException("the connection closed after " + written() + " of " + count
        + " flood packets were written"));
  }

  private void writeMore() {
    // A flush below may make the channel writable again at once and call back in here; the
    // loop already running sees the channel writable and carries on.
    if (writing) {
      return;
    }
    writing = true;
    try {
      int budget = PACKETS_PER_TURN;
      while (handed < count && !stopped && channel.isWritable() && budget-- > 0) {
        channel.write(nextPublish()).addListener(onWritten);
        handed++;
        if (!channel.isWritable()) {
          channel.flush();
        }
      }
      channel.flush();
    } finally {
      writing = false;
    }

    boolean more = handed < count && !stopped;
    paused = more && !channel.isWritable();
    if (more && !paused) {
      // The turn's budget ran out: let the event loop serve other work, then go on.
      channel.eventLoop().execute(this::writeMore);
    }
  }

  private MqttPublishMessage nextPublish() {
    int index = handed;
    ByteBuf payload = Unpooled.buffer(payloadBytes, payloadBytes);
    if (payloadBytes >= Integer.BYTES) {
      payload.writeInt(index);
    }
    payload.writeZero(payloadBytes - payload.writerIndex());
    int packetId = qos == 0 ? 0 : index % MAX_PACKET_ID + 1;
    return BrokerPackets.publish(topic, qos, false, false, packetId, payload);
  }

  private void onWritten(ChannelFuture write) {
    if (!write.isSuccess()) {
      fail(new IllegalStateException("writing failed after " + written() + " of " + count
          + " flood packets were written", write.cause()));
    } else if (written.incrementAndGet() == count) {
      finish();
    }
  }

  private void finish() {
    LOG.debug("flood of {} packets on {} written", count, channel);
    paused = false;
    finished.complete(null);
    leave();
  }

  private void fail(Throwable cause) {
    stopped = true;
    paused = false;
    if (finished.completeExceptionally(cause)) {
      LOG.debug("flood on {} ended after {} of {} packets", channel, written(), count, cause);
    }
    leave();
  }
}
