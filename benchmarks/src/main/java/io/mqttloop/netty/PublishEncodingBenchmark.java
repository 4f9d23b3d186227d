package io.mqttloop.netty;

import io.mqttloop.Publish;
import io.mqttloop.QoS;
import io.mqttloop.benchmarks.ShortRun;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Making and encoding a QoS 1 PUBLISH of 64 bytes to a short topic, as the loop does for each
 * message: the {@link Publish} the application makes, Netty's message for it, and its bytes from
 * Netty's encoder, with the channel's allocator.
 */
public class PublishEncodingBenchmark extends ShortRun {
  static final String TOPIC = "bench/encode";
  static final byte[] PAYLOAD = new byte[64];
  private static final int PACKET_ID = 42;

  private final Publish publish = Publish.of(TOPIC, PAYLOAD, QoS.AT_LEAST_ONCE);

  /** The application's part: a new publish, with its stage. */
  @Benchmark
  public Publish newPublish() {
    return Publish.of(TOPIC, PAYLOAD, QoS.AT_LEAST_ONCE);
  }

  /** Netty's message for a publish, before encoding. */
  @Benchmark
  public MqttPublishMessage packet() {
    return Packets.publish(publish, PACKET_ID, false);
  }

  /** Netty's message and its bytes, released as the pipeline would. */
  @Benchmark
  public int encode(EncoderContext encoder) {
    return encoder.encodeAndRelease(publish);
  }
}
