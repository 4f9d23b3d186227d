package io.mqttloop.tck.selftest;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Breaks the restore of subscriptions by forgetting them: on every connection after a loop's
 * first it swallows each SUBSCRIBE and reports it written, so the loop believes it restored its
 * subscriptions while the broker never heard of them.
 */
final class ForgetsSubscriptions extends ChannelOutboundHandlerAdapter {
  private final boolean forgetting;

  private ForgetsSubscriptions(boolean forgetting) {
    this.forgetting = forgetting;
  }

  /**
   * Makes the handlers of one loop, one per connection: the first lets SUBSCRIBE through, every
   * later one drops it.
   */
  static Supplier<ForgetsSubscriptions> afterTheFirstConnection() {
    AtomicInteger connections = new AtomicInteger();
    return () -> new ForgetsSubscriptions(connections.getAndIncrement() > 0);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (forgetting && msg instanceof MqttSubscribeMessage) {
      ReferenceCountUtil.release(msg);
      promise.setSuccess();
    } else {
      ctx.write(msg, promise);
    }
  }
}
