package io.mqttloop.netty;

import io.mqttloop.Publish;
import io.mqttloop.QoS;
import io.mqttloop.benchmarks.ShortRun;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * The in-flight table with a full window of 100 QoS 1 publishes, as under load: looking up the
 * entry a PUBACK names, and the whole turn of an acknowledgement, removing the oldest entry by its
 * id and adding the next publish under a fresh id.
 */
public class InflightTableBenchmark extends ShortRun {
  private static final int WINDOW = 100;

  private final Publish publish = Publish.of(PublishEncodingBenchmark.TOPIC,
      PublishEncodingBenchmark.PAYLOAD, QoS.AT_LEAST_ONCE);
  private final int[] idsInOrder = new int[WINDOW];
  private InflightTable table = new InflightTable(WINDOW);
  private int oldest;

  /** A table holding a full window. */
  @Setup
  public void fill() {
    table = new InflightTable(WINDOW);
    for (int i = 0; i < WINDOW; i++) {
      idsInOrder[i] = table.add(publish).packetId;
    }
    oldest = 0;
  }

  /** What a PUBACK costs the table when its publish is found. */
  @Benchmark
  public InflightTable.@Nullable Entry ackLookup() {
    return table.get(idsInOrder[oldest]);
  }

  /** A PUBACK's lookup and removal, then the next publish's insertion. */
  @Benchmark
  public InflightTable.Entry acknowledgeAndRefill() {
    int id = idsInOrder[oldest];
    table.get(id);
    table.remove(id);
    InflightTable.Entry next = table.add(publish);
    idsInOrder[oldest] = next.packetId;
    oldest = (oldest + 1) % WINDOW;
    return next;
  }
}
