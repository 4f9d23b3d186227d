package io.mqttloop.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * The time to connect (TCP, CONNECT, CONNACK, with whatever the client sets up per connection)
 * and disconnect cleanly, one connection after another; the median of a measurement's connects.
 */
record ConnectDisconnect(Workbench bench, int connects) implements Scenario {

  @Override
  public List<Figure> measure(Entrant entrant) throws Exception {
    long[] nanos = new long[connects];
    for (int i = 0; i < connects; i++) {
      long start = System.nanoTime();
      entrant.connect(bench, "connect").disconnect();
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return List.of(new Figure(Metric.CONNECT_DISCONNECT, RoundTrips.micros(nanos, 0.5)));
  }
}
