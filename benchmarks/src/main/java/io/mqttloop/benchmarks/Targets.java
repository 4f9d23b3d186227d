package io.mqttloop.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * The targets of issue 7, checked against one run: each is met or missed, with the median
 * ratio or figure it measured. Only ratios within one run are worth comparing.
 */
final class Targets {
  private static final String MQTTLOOP = "mqttloop";
  private static final Metric IDLE_10K_HEAP = Metric.idleHeap(10_000);
  private static final List<Target> ALL = List.of(
      new Target("QoS 1 throughput at 100 in flight ≥ 0.9 × the ceiling's",
          Metric.QOS1_THROUGHPUT, "ceiling", 0.9, true),
      new Target("QoS 1 throughput at 100 in flight ≥ 1.2 × HiveMQ's",
          Metric.QOS1_THROUGHPUT, "HiveMQ", 1.2, true),
      new Target("CPU per QoS 1 message (Java threads) ≤ 0.5 × HiveMQ's",
          Metric.QOS1_THREAD_CPU, "HiveMQ", 0.5, false),
      new Target("QoS 1 round trip p50 ≤ 2 × the ceiling's",
          Metric.ROUND_TRIP_P50, "ceiling", 2, false),
      new Target("QoS 1 round trip p99 ≤ HiveMQ's", Metric.ROUND_TRIP_P99, "HiveMQ", 1, false),
      new Target("heap allocated per QoS 1 message, whole path, all threads ≤ 200 B (the payload"
          + " is shared, never copied by the driver)", Metric.QOS1_ALLOCATED, null, 200, false),
      new Target("10,000 idle connections on one 2-thread group < 100 MiB of heap",
          IDLE_10K_HEAP, null, 100, false));

  private Targets() {}

  /** A Markdown list: each target, met or missed, with the measured value. */
  static String render(Results results) {
    StringBuilder text = new StringBuilder("Targets (mqttloop):\n\n");
    for (Target target : ALL) {
      text.append("- ").append(target.statement()).append(": ")
          .append(target.verdict(results)).append('\n');
    }
    return text.toString();
  }

  /**
   * One target: mqttloop's figure for {@code metric}, divided by {@code versus}'s when it names
   * a client, is at least or at most {@code bound}.
   */
  record Target(String statement, Metric metric, @Nullable String versus, double bound,
      boolean atLeast) {

    String verdict(Results results) {
      OptionalDouble value = versus == null
          ? results.median(metric, MQTTLOOP)
          : results.medianRatio(metric, MQTTLOOP, versus);
      if (value.isEmpty()) {
        return "not measured";
      }
      double measured = value.getAsDouble();
      boolean met = atLeast ? measured >= bound : measured <= bound;
      String shown = versus == null ? ResultTable.number(measured) + " " + metric.unit()
          : String.format(Locale.ROOT, "ratio %.2f", measured);
      return (met ? "**met**" : "**missed**") + " (" + shown + ")";
    }
  }
}
