package io.mqttloop.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** Every figure measured, per metric and client, metrics in the order first measured. */
final class Results {
  private final Map<Metric, Map<String, List<Double>>> samples = new LinkedHashMap<>();

  void add(String contender, List<Figure> figures) {
    for (Figure figure : figures) {
      samples.computeIfAbsent(figure.metric(), metric -> new LinkedHashMap<>())
          .computeIfAbsent(contender, name -> new ArrayList<>()).add(figure.value());
    }
  }

  /** The metrics measured, in the order first measured. */
  List<Metric> metrics() {
    return List.copyOf(samples.keySet());
  }

  /** The median of the figures of {@code contender} for {@code metric}, if it was measured. */
  OptionalDouble median(Metric metric, String contender) {
    return median(figures(metric, contender));
  }

  /**
   * The median, over the rounds, of the figure of {@code contender} divided by that of
   * {@code other} in the same round: a slow round slows both, so the ratio of each round is
   * steadier than the ratio of the medians.
   */
  OptionalDouble medianRatio(Metric metric, String contender, String other) {
    List<Double> figures = figures(metric, contender);
    List<Double> versus = figures(metric, other);
    List<Double> ratios = new ArrayList<>();
    for (int round = 0; round < Math.min(figures.size(), versus.size()); round++) {
      if (versus.get(round) != 0) {
        ratios.add(figures.get(round) / versus.get(round));
      }
    }
    return median(ratios);
  }

  private static OptionalDouble median(List<Double> values) {
    if (values.isEmpty()) {
      return OptionalDouble.empty();
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int middle = sorted.size() / 2;
    return OptionalDouble.of(sorted.size() % 2 == 1
        ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2);
  }

  /** The figures of {@code contender} for {@code metric}, in the order measured. */
  List<Double> figures(Metric metric, String contender) {
    return List.copyOf(samples.getOrDefault(metric, Map.of()).getOrDefault(contender, List.of()));
  }
}
