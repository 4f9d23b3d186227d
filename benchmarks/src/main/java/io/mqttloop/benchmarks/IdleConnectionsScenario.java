package io.mqttloop.benchmarks;

import java.util.List;

/**
 * The heap and the threads that {@code count} idle connections hold: heap in use after full
 * collections, and live threads, once all are connected, less the same before the first was
 * made. What the client had started before, and keeps, is not counted.
 */
record IdleConnectionsScenario(Workbench bench, int count) implements Scenario {
  private static final double MIB = 1024.0 * 1024.0;

  /** Whether {@code entrant} is asked to hold this many. */
  boolean fits(Entrant entrant) {
    return count <= entrant.client().maxIdle();
  }

  @Override
  public List<Figure> measure(Entrant entrant) throws Exception {
    int threadsBefore = JvmCensus.settledThreadCount();
    long heapBefore = JvmCensus.usedAfterGc();
    try (Contender.IdleConnections idle = entrant.client().openIdle(bench.broker(), count)) {
      int threads = JvmCensus.settledThreadCount() - threadsBefore;
      long heap = JvmCensus.usedAfterGc() - heapBefore;
      return List.of(new Figure(Metric.idleHeap(count), heap / MIB),
          new Figure(Metric.idleThreads(count), threads));
    }
  }
}
