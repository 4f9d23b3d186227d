package io.mqttloop.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The comparison's smoke run measures every client in every scenario. No figure is judged. */
class CompareSmokeTest {
  private static final List<String> CLIENTS = List.of("mqttloop", "HiveMQ", "Paho", "ceiling");
  private static final List<Metric> POSITIVE = List.of(Metric.QOS0_THROUGHPUT,
      Metric.QOS1_THROUGHPUT, Metric.QOS2_THROUGHPUT, Metric.QOS1_THREAD_CPU,
      Metric.QOS1_ALLOCATED, Metric.ROUND_TRIP_P50, Metric.ROUND_TRIP_P99,
      Metric.ROUND_TRIP_P999, Metric.CONNECT_DISCONNECT);

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aQuickRunHasAPositiveFigureForEveryClientInEveryScenario() throws Exception {
    assumeTrue(Machine.mosquittoProgram().isPresent(), "the comparison needs mosquitto");

    Compare.Report report = Compare.run(Settings.smoke(), silent());

    assertEquals(CLIENTS, report.contenders());
    for (Metric metric : POSITIVE) {
      for (String client : CLIENTS) {
        double figure = report.results().median(metric, client).orElse(Double.NaN);
        assertTrue(figure > 0, metric.label() + " of " + client + " was " + figure);
        assertTrue(report.markdown().contains("| " + metric.label() + " | " + client + " | "),
            "no row for " + metric.label() + " of " + client + " in\n" + report.markdown());
      }
    }
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aQuickRunMeasuresIdleConnectionsOfEveryClient() throws Exception {
    assumeTrue(Machine.mosquittoProgram().isPresent(), "the comparison needs mosquitto");
    int count = Settings.smoke().idleCounts().get(0);

    Compare.Report report = Compare.run(Settings.smoke().withRounds(0), silent());

    for (String client : CLIENTS) {
      assertTrue(report.results().median(Metric.idleHeap(count), client).isPresent(), client);
      double threads = report.results().median(Metric.idleThreads(count), client).orElse(-1);
      assertTrue(threads >= 0, client + " threads: " + threads);
    }
  }

  private static PrintStream silent() {
    return new PrintStream(OutputStream.nullOutputStream());
  }
}
