package io.mqttloop.netty;

import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttEventLoopFactory;
import io.mqttloop.MqttOptions;
import io.mqttloop.MqttState;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SingleThreadIoEventLoop;
import io.netty.channel.nio.NioIoHandler;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Makes Netty event loops: MQTT 3.1.1 over TCP, on NIO.
 *
 * <p>The executor given to {@link #create} decides where the loop runs:
 *
 * <ul>
 *   <li>a Netty {@link EventLoopGroup} (NIO): the loop shares one of the group's event loops with
 *       whatever else runs there, and never shuts the group down. Thousands of loops can share a
 *       few threads this way.
 *   <li>any other {@link Executor}: the loop runs on one task of that executor, which holds one of
 *       its threads from the first connect until the loop closes, then returns it. The loop starts
 *       no thread of its own; an executor that rejects the task fails the connect.
 * </ul>
 */
public final class NettyMqtt implements MqttEventLoopFactory {
  private static final NettyMqtt INSTANCE = new NettyMqtt();

  private NettyMqtt() {}

  /** The factory. */
  public static NettyMqtt factory() {
    return INSTANCE;
  }

  @Override
  public MqttEventLoop create(MqttOptions options, Executor executor, MqttState state) {
    return create(options, executor, state, pipeline -> { });
  }

  /** A loop whose channels' pipelines {@code pipelineSetup} sees; for tests. */
  static MqttEventLoop create(MqttOptions options, Executor executor, MqttState state,
      Consumer<ChannelPipeline> pipelineSetup) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(state, "state");
    if (executor instanceof EventLoopGroup group) {
      return new NettyMqttEventLoop(options, group.next(), false, state, pipelineSetup);
    }
    EventLoop own = new SingleThreadIoEventLoop(null, executor, NioIoHandler.newFactory());
    return new NettyMqttEventLoop(options, own, true, state, pipelineSetup);
  }
}
