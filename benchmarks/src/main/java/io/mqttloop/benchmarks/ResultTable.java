package io.mqttloop.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The report as Markdown: the machine, the settings, then one row per metric and client with the
 * median figure and its ratio to each other client's (the figure divided by theirs), then where
 * the targets stand.
 */
final class ResultTable {
  private final List<String> contenders;

  /** A table whose ratio columns follow {@code contenders}, in that order. */
  ResultTable(List<String> contenders) {
    this.contenders = List.copyOf(contenders);
  }

  String render(Results results, Settings settings, Machine machine, String placement) {
    StringBuilder text = new StringBuilder()
        .append("### Run of ").append(machine.date()).append("\n\n")
        .append("Machine: ").append(machine.describe()).append(".\n\n")
        .append("Placement: ").append(placement).append(".\n\n")
        .append(describe(settings)).append("\n\n")
        .append(header());
    for (Metric metric : results.metrics()) {
      for (String contender : contenders) {
        text.append(row(results, metric, contender));
      }
    }
    return text.append('\n').append(Targets.render(results)).toString();
  }

  private static String describe(Settings settings) {
    String rounds = settings.quick() ? "Quick smoke run, 1 round: figures mean nothing."
        : settings.rounds() + " rounds" + (settings.warmUp() ? " after a warm-up round" : "")
            + "; each figure is the median over the rounds.";
    return String.format(Locale.ROOT, "%s Per round and client: %,d QoS 0, %,d QoS 1 and %,d"
        + " QoS 2 messages of %d bytes, %,d QoS 1 round trips, %,d connects. Idle connections"
        + " are measured once per client, after the rounds. A ratio is the median over the rounds"
        + " of the row's figure divided by the column's in the same round.", rounds,
        settings.qos0Messages(), settings.qos1Messages(), settings.qos2Messages(),
        Settings.PAYLOAD_BYTES, settings.roundTrips(), settings.connects());
  }

  private String header() {
    StringBuilder line = new StringBuilder("| scenario | client | figure |");
    StringBuilder rule = new StringBuilder("| --- | --- | ---: |");
    for (String contender : contenders) {
      line.append(" ÷ ").append(contender).append(" |");
      rule.append(" ---: |");
    }
    return line.append('\n').append(rule).append('\n').toString();
  }

  private String row(Results results, Metric metric, String contender) {
    OptionalDouble figure = results.median(metric, contender);
    StringBuilder line = new StringBuilder("| ").append(metric.label()).append(" | ")
        .append(contender).append(" | ")
        .append(figure.isPresent() ? number(figure.getAsDouble()) : "not run").append(" |");
    for (String other : contenders) {
      line.append(' ').append(ratio(results, metric, contender, other)).append(" |");
    }
    return line.append('\n').toString();
  }

  private static String ratio(Results results, Metric metric, String contender, String other) {
    if (contender.equals(other)) {
      return "";
    }
    OptionalDouble ratio = results.medianRatio(metric, contender, other);
    if (ratio.isEmpty()) {
      return "–";
    }
    double value = ratio.getAsDouble();
    return String.format(Locale.ROOT, value >= 100 ? "%,.0f" : "%.2f", value);
  }

  /** A figure with as many decimals as its size deserves. */
  static String number(double value) {
    double size = Math.abs(value);
    boolean whole = size >= 100 || value == Math.rint(value);
    String format = whole ? "%,.0f" : size >= 10 ? "%.1f" : "%.2f";
    return String.format(Locale.ROOT, format, value);
  }
}
