package io.mqttloop.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs every scenario for every client in interleaved rounds: in each round each scenario
 * measures each client in turn, the order rotated by one client a round, so that no client always
 * follows the same one. Idle connections are measured once per client, after the rounds.
 */
final class Comparison {
  private final List<Entrant> entrants;
  private final Workbench bench;
  private final PrintStream progress;

  Comparison(List<Entrant> entrants, Workbench bench, PrintStream progress) {
    this.entrants = List.copyOf(entrants);
    this.bench = bench;
    this.progress = progress;
  }

  Results run(Settings settings) throws Exception {
    if (settings.warmUp()) {
      progress.println("warm-up round, not counted");
      runRound(repeated(settings.warmUpRound()), 0, new Results());
    }
    Results results = new Results();
    for (int round = 0; round < settings.rounds(); round++) {
      progress.printf("round %d of %d%n", round + 1, settings.rounds());
      runRound(repeated(settings), round, results);
    }
    measureIdle(settings.idleCounts(), results);
    return results;
  }

  private void measureIdle(List<Integer> counts, Results results) throws Exception {
    for (int i = 0; i < counts.size(); i++) {
      IdleConnectionsScenario idle = new IdleConnectionsScenario(bench, counts.get(i));
      for (Entrant entrant : rotated(i)) {
        if (idle.fits(entrant)) {
          measure(idle, entrant, results);
        }
      }
    }
  }

  private List<Scenario> repeated(Settings settings) {
    return List.of(new Qos0Throughput(bench, settings.qos0Messages()),
        new AckedThroughput(bench, 1, settings.qos1Messages()),
        new AckedThroughput(bench, 2, settings.qos2Messages()),
        new RoundTrips(bench, settings.roundTrips()),
        new ConnectDisconnect(bench, settings.connects()));
  }

  private void runRound(List<Scenario> scenarios, int round, Results results) throws Exception {
    for (Scenario scenario : scenarios) {
      for (Entrant entrant : rotated(round)) {
        measure(scenario, entrant, results);
      }
    }
  }

  private List<Entrant> rotated(int by) {
    List<Entrant> order = new ArrayList<>(entrants);
    Collections.rotate(order, -by);
    return order;
  }

  private void measure(Scenario scenario, Entrant entrant, Results results)
      throws Exception {
    long start = System.nanoTime();
    List<Figure> figures = scenario.measure(entrant);
    results.add(entrant.name(), figures);
    progress.printf("  %-9s %s (%.1f s)%n", entrant.name(),
        figures.stream().map(Comparison::describe).collect(Collectors.joining("; ")),
        (System.nanoTime() - start) / 1e9);
  }

  private static String describe(Figure figure) {
    return figure.metric().name() + " " + ResultTable.number(figure.value()) + " "
        + figure.metric().unit();
  }
}
