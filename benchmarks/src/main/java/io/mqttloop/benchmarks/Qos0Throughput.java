package io.mqttloop.benchmarks;

import java.time.Duration;
import java.util.List;

/**
 * QoS 0 messages a second, as the broker delivers them to one subscriber: from the first publish
 * until the last message reaches the {@link CountingSubscriber}. A message the broker drops is
 * not counted; the progress line says when one was.
 */
record Qos0Throughput(Workbench bench, int messages) implements Scenario {
  private static final Duration STALL = Duration.ofSeconds(3);

  @Override
  public List<Figure> measure(Entrant entrant) throws Exception {
    String topic = bench.fresh("bench/qos0");
    try (CountingSubscriber counter =
        CountingSubscriber.subscribe(bench.broker(), bench.fresh("counter"), topic)) {
      Contender.Connection connection = entrant.connect(bench, "qos0");
      long start = System.nanoTime();
      connection.publish(topic, bench.payload(), 0, messages, Settings.WINDOW);
      long received = counter.await(messages, STALL);
      double seconds = (counter.lastArrival() - start) / 1e9;
      connection.disconnect();
      if (received < messages) {
        System.err.printf("  %s: the subscriber got %,d of %,d QoS 0 messages%n",
            entrant.name(), received, messages);
      }
      return List.of(new Figure(Metric.QOS0_THROUGHPUT, received / seconds));
    }
  }
}
