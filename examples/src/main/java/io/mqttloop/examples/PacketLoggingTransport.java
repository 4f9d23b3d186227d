package io.mqttloop.examples;

import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttEventLoopFactory;
import io.mqttloop.MqttOptions;
import io.mqttloop.MqttState;
import io.mqttloop.netty.NettyMqtt;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.mqtt.MqttDecoder;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * A transport of its own, written as a third party would write one and certified the same way:
 * the Netty transport with one more handler, which logs the type and size of each packet at
 * DEBUG on the logger {@code io.mqttloop.examples.PacketLog}, and never a payload. Its test,
 * {@code PacketLoggingTransportTest}, extends the TCK's verification classes.
 *
 * <pre>{@code
 * MqttEventLoop loop = new PacketLoggingTransport().create(options, executor);
 * }</pre>
 */
public final class PacketLoggingTransport implements MqttEventLoopFactory {
  private static final String HANDLER_NAME = "packetLog";

  private final NettyMqtt netty = NettyMqtt.factory().withPipeline(PacketLoggingTransport::addLog);

  /** A transport whose loops log their packets. */
  public PacketLoggingTransport() {}

  @Override
  public MqttEventLoop create(MqttOptions options, Executor executor, MqttState state) {
    return netty.create(options, executor, state);
  }

  /**
   * Puts the log right after the MQTT decoder, before the encoder: there a packet coming in is
   * decoded already, and one going out is encoded already, so each passes whole.
   */
  private static void addLog(ChannelPipeline pipeline) {
    ChannelHandlerContext decoder = Objects.requireNonNull(pipeline.context(MqttDecoder.class),
        "the Netty transport's pipeline has no MQTT decoder");
    pipeline.addAfter(decoder.name(), HANDLER_NAME, new PacketLog());
  }
}
