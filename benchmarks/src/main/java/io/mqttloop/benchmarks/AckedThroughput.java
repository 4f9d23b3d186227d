package io.mqttloop.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * QoS 1 or 2 messages a second with 100 in flight, until the last is acknowledged (PUBACK or
 * PUBCOMP). At QoS 1 it also reads the {@link ThreadClock} and the broker's CPU time before and
 * after, and divides what was spent by the messages: CPU of the Java threads, CPU of the whole
 * JVM, heap allocated, and mosquitto's CPU.
 */
record AckedThroughput(Workbench bench, int qos, int messages) implements Scenario {
  private static final double NANOS_PER_MICRO = 1e3;
  private static final ThreadClock CLOCK = new ThreadClock();

  @Override
  public List<Figure> measure(Entrant entrant) throws Exception {
    String topic = bench.fresh("bench/qos" + qos);
    Contender.Connection connection = entrant.connect(bench, "qos" + qos);
    Optional<Duration> brokerBefore = bench.brokerCpu();
    ThreadClock.Snapshot before = CLOCK.snapshot();
    long start = System.nanoTime();
    connection.publish(topic, bench.payload(), qos, messages, Settings.WINDOW);
    long elapsed = System.nanoTime() - start;
    ThreadClock.Usage usage = CLOCK.since(before);
    Optional<Duration> brokerSpent =
        bench.brokerCpu().flatMap(after -> brokerBefore.map(after::minus));
    connection.disconnect();
    double rate = messages / (elapsed / 1e9);
    return qos == 2 ? List.of(new Figure(Metric.QOS2_THROUGHPUT, rate))
        : qos1Figures(rate, usage, brokerSpent);
  }

  private List<Figure> qos1Figures(double rate, ThreadClock.Usage usage,
      Optional<Duration> brokerSpent) {
    List<Figure> figures = new ArrayList<>(List.of(new Figure(Metric.QOS1_THROUGHPUT, rate),
        perMessage(Metric.QOS1_THREAD_CPU, usage.threadCpuNanos() / NANOS_PER_MICRO),
        perMessage(Metric.QOS1_PROCESS_CPU, usage.processCpuNanos() / NANOS_PER_MICRO),
        perMessage(Metric.QOS1_ALLOCATED, usage.allocatedBytes())));
    brokerSpent.ifPresent(spent ->
        figures.add(perMessage(Metric.QOS1_BROKER_CPU, spent.toNanos() / NANOS_PER_MICRO)));
    return figures;
  }

  private Figure perMessage(Metric metric, double total) {
    return new Figure(metric, total / messages);
  }
}
