package io.mqttloop.benchmarks;

import java.util.List;

/** One thing the comparison measures, for one client at a time. */
interface Scenario {

  /** Measures {@code entrant} once; returns a figure for each metric it yields, in order. */
  List<Figure> measure(Entrant entrant) throws Exception;
}
