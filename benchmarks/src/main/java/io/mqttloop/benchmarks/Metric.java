package io.mqttloop.benchmarks;

/**
 * One figure the comparison reports for each client.
 *
 * @param name what is measured, as the table names it
 * @param unit the figure's unit
 * @param higherIsBetter whether a higher figure is the better one
 */
record Metric(String name, String unit, boolean higherIsBetter) {
  static final Metric QOS0_THROUGHPUT = rate("QoS 0 throughput, counted by a subscriber");
  static final Metric QOS1_THROUGHPUT = rate("QoS 1 throughput, 100 in flight");
  static final Metric QOS2_THROUGHPUT = rate("QoS 2 throughput, 100 in flight");

  /** CPU and heap per message, read around the QoS 1 throughput run. */
  static final Metric QOS1_THREAD_CPU = cost("CPU per QoS 1 message, Java threads", "µs");
  static final Metric QOS1_PROCESS_CPU = cost("CPU per QoS 1 message, whole JVM", "µs");
  static final Metric QOS1_ALLOCATED = cost("heap allocated per QoS 1 message", "B");
  static final Metric QOS1_BROKER_CPU = cost("mosquitto's CPU per QoS 1 message", "µs");

  /** Latencies, one message at a time. */
  static final Metric ROUND_TRIP_P50 = cost("QoS 1 round trip, p50", "µs");
  static final Metric ROUND_TRIP_P99 = cost("QoS 1 round trip, p99", "µs");
  static final Metric ROUND_TRIP_P999 = cost("QoS 1 round trip, p99.9", "µs");
  static final Metric CONNECT_DISCONNECT = cost("connect + disconnect, median", "µs");

  /** The heap held by {@code count} idle connections. */
  static Metric idleHeap(int count) {
    return cost(String.format("heap of %,d idle connections", count), "MiB");
  }

  /** The threads running for {@code count} idle connections. */
  static Metric idleThreads(int count) {
    return cost(String.format("threads for %,d idle connections", count), "threads");
  }

  private static Metric rate(String name) {
    return new Metric(name, "msg/s", true);
  }

  private static Metric cost(String name, String unit) {
    return new Metric(name, unit, false);
  }

  /** The table's label: the name and the unit. */
  String label() {
    return name + " (" + unit + ")";
  }
}
