package io.mqttloop.tck.selftest;

import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import io.mqttloop.MqttState;
import io.mqttloop.netty.NettyMqtt;
import io.netty.channel.ChannelHandler;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Makes the real Netty event loop broken on purpose: each channel gets a corrupting handler
 * between the MQTT codec and the loop's own handler, where it sees the loop's packets going out
 * and the broker's coming in as decoded messages.
 */
final class BrokenLoop {
  private static final String HANDLER_NAME = "breakage";
  /** The name of the loop's own handler, which comes right after the MQTT codec. */
  private static final String LOOP_HANDLER = "loop";

  private BrokenLoop() {}

  /**
   * A new loop, not yet connected, each of whose channels gets a new handler from
   * {@code breakage}.
   */
  static MqttEventLoop create(Supplier<? extends ChannelHandler> breakage, MqttOptions options,
      Executor executor, MqttState state) {
    return NettyMqtt.factory()
        .withPipeline(pipeline -> pipeline.addBefore(LOOP_HANDLER, HANDLER_NAME, breakage.get()))
        .create(options, executor, state);
  }
}
