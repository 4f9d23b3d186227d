package io.mqttloop.netty;

import io.mqttloop.Publish;
import io.mqttloop.QoS;
import io.mqttloop.benchmarks.ShortRun;
import io.mqttloop.spi.LoopStage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * One QoS 1 publish through the loop's own steps, without the socket: made by the application,
 * entered in the in-flight table, encoded, then found again by its PUBACK's id, removed, and its
 * stage completed with one callback waiting on it. Its bytes per operation, less the 64-byte
 * payload the encoded packet copies, are what the loop's path allocates per publish short of the
 * socket and the PUBACK's decoding.
 */
public class PublishPathBenchmark extends ShortRun {
  private static final int WINDOW = 100;
  private static final int QUARTER_WINDOW = WINDOW / 4;

  private final int[] batch = new int[QUARTER_WINDOW];

  private final InflightTable table = new InflightTable(WINDOW);
  private long completed;

  @Benchmark
  public long publishAndAcknowledge(EncoderContext encoder) {
    Publish publish = Publish.of(PublishEncodingBenchmark.TOPIC,
        PublishEncodingBenchmark.PAYLOAD, QoS.AT_LEAST_ONCE);
    publish.completion().thenRun(this::countCompletion);
    int packetId = table.add(publish).packetId;
    encoder.encodeAndRelease(publish);
    InflightTable.Entry entry = table.get(packetId);
    table.remove(packetId);
    LoopStage.of((Publish) entry.request).succeed(publish);
    return completed;
  }

  /**
   * The same for a quarter of the window at once, as the loop refills it: 25 publishes entered
   * and encoded, flushed together, then acknowledged; the figures are per publish.
   */
  @Benchmark
  @OperationsPerInvocation(QUARTER_WINDOW)
  public long quarterWindowAndAcknowledge(EncoderContext encoder) {
    for (int i = 0; i < QUARTER_WINDOW; i++) {
      Publish publish = Publish.of(PublishEncodingBenchmark.TOPIC,
          PublishEncodingBenchmark.PAYLOAD, QoS.AT_LEAST_ONCE);
      publish.completion().thenRun(this::countCompletion);
      batch[i] = table.add(publish).packetId;
      encoder.write(publish, batch[i]);
    }
    encoder.flushAndRelease();
    for (int i = 0; i < QUARTER_WINDOW; i++) {
      InflightTable.Entry entry = table.get(batch[i]);
      table.remove(batch[i]);
      LoopStage.of((Publish) entry.request).succeed((Publish) entry.request);
    }
    return completed;
  }

  private void countCompletion() {
    completed++;
  }
}
