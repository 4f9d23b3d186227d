package io.mqttloop.netty;

import io.mqttloop.Publish;
import io.mqttloop.QoS;
import io.mqttloop.benchmarks.ShortRun;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * Making and encoding a QoS 1 PUBLISH of 64 bytes to a short topic, as the loop does for each
 * message: the {@link Publish} the application makes, Netty's message for it, and its bytes from
 * the loop's batch encoder, with the channel's allocator.
 */
public class PublishEncodingBenchmark extends ShortRun {
  static final String TOPIC = "bench/encode";
  static final byte[] PAYLOAD = new byte[64];
  private static final int PACKET_ID = 42;
  private static final int QUARTER_WINDOW = 25;

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

  /** Netty's message and its bytes, flushed alone and released as the pipeline would. */
  @Benchmark
  public int encode(EncoderContext encoder) {
    return encoder.encodeAndRelease(publish);
  }

  /** The same for a quarter of a window of 100, flushed together; the figures are per publish. */
  @Benchmark
  @OperationsPerInvocation(QUARTER_WINDOW)
  public int encodeQuarterWindow(EncoderContext encoder) {
    return encoder.encodeAndRelease(publish, QUARTER_WINDOW);
  }
}
