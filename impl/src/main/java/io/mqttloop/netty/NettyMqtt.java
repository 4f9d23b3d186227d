package io.mqttloop.netty;

import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttEventLoopFactory;
import io.mqttloop.MqttOptions;
import io.mqttloop.MqttState;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.nio.NioIoHandler;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Makes Netty event loops: MQTT 3.1.1 over TCP, TLS or WebSocket, as the options say, on NIO.
 *
 * <p>The executor given to {@link #create} decides where the loop runs:
 *
 * <ul>
 *   <li>a Netty {@link EventLoopGroup} running NIO: the loop shares one of the group's event loops
 *       with whatever else runs there, and never shuts the group down. Thousands of loops can
 *       share a few threads this way.
 *   <li>any other {@link Executor}: the loop runs as one task of that executor, which holds one of
 *       its threads from the connect until the loop closes, then returns it. So the executor must
 *       have a free thread for each loop open at once. The loop starts no thread of its own. An
 *       executor that rejects the task, or runs it on the calling thread, fails the connect with
 *       a {@link java.util.concurrent.RejectedExecutionException}; so does a {@link
 *       java.util.concurrent.ThreadPoolExecutor} (as from {@code Executors.newFixedThreadPool})
 *       whose threads are all busy as the loop connects, instead of leaving the connect waiting
 *       in its queue. An executor of another kind cannot be seen to be busy: there the connect
 *       waits until a thread frees up, so {@code Executors.newSingleThreadExecutor} runs one loop
 *       at a time and the next one's connect waits for it to close.
 * </ul>
 *
 * <p>A loop holds nothing until it connects: no selector, no thread.
 *
 * <p>Every timer of a loop (keep-alive, the PINGRESP deadline, the connect timeout, the backoff
 * before a reconnect) is scheduled on its Netty event loop, whose {@link
 * io.netty.util.concurrent.Ticker} tells the time. A test can give a group whose event loops
 * answer a {@link io.netty.util.concurrent.MockTicker}, and move time on without waiting for it.
 */
public final class NettyMqtt implements MqttEventLoopFactory {
  private static final NettyMqtt INSTANCE = new NettyMqtt(pipeline -> { });

  private final Consumer<ChannelPipeline> pipelineSetup;

  private NettyMqtt(Consumer<ChannelPipeline> pipelineSetup) {
    this.pipelineSetup = pipelineSetup;
  }

  /** The factory. */
  public static NettyMqtt factory() {
    return INSTANCE;
  }

  /**
   * A factory whose loops hand each new channel's pipeline to {@code pipelineSetup} once the
   * loop's own handlers are in it, on the loop's thread: to add a handler that logs or counts,
   * say. A handler that changes, drops or adds packets breaks the loop's guarantees: the TCK's
   * self-test builds its broken loops this way.
   */
  public NettyMqtt withPipeline(Consumer<ChannelPipeline> pipelineSetup) {
    return new NettyMqtt(Objects.requireNonNull(pipelineSetup, "pipelineSetup"));
  }

  @Override
  public MqttEventLoop create(MqttOptions options, Executor executor, MqttState state) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(state, "state");
    EventLoopSlot slot = executor instanceof EventLoopGroup group
        ? EventLoopSlot.shared(nioEventLoopOf(group))
        : EventLoopSlot.own(executor);
    return new NettyMqttEventLoop(options, slot, state, pipelineSetup);
  }

  private static EventLoop nioEventLoopOf(EventLoopGroup group) {
    EventLoop next = group.next();
    if (next instanceof IoEventLoop ioLoop && ioLoop.isIoType(NioIoHandler.class)) {
      return next;
    }
    throw new IllegalArgumentException("executor must be a Netty group running NIO, such as"
        + " new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory()), was " + group);
  }
}
