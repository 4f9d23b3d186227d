package io.mqttloop.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * QoS 1 round trips, one message at a time from one application thread: from the publish call
 * until that thread sees the acknowledgement. Percentiles by nearest rank.
 */
record RoundTrips(Workbench bench, int samples) implements Scenario {

  @Override
  public List<Figure> measure(Entrant entrant) throws Exception {
    Contender.Connection connection = entrant.connect(bench, "rtt");
    long[] nanos = new long[samples];
    connection.timeRoundTrips(bench.fresh("bench/rtt"), bench.payload(), nanos);
    connection.disconnect();
    Arrays.sort(nanos);
    return List.of(new Figure(Metric.ROUND_TRIP_P50, micros(nanos, 0.5)),
        new Figure(Metric.ROUND_TRIP_P99, micros(nanos, 0.99)),
        new Figure(Metric.ROUND_TRIP_P999, micros(nanos, 0.999)));
  }

  /** The percentile {@code fraction} of sorted nanoseconds, in microseconds. */
  static double micros(long[] sorted, double fraction) {
    int rank = (int) Math.ceil(fraction * sorted.length);
    return sorted[Math.max(rank, 1) - 1] / 1e3;
  }
}
