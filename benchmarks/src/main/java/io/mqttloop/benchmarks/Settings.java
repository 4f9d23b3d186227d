package io.mqttloop.benchmarks;

import java.util.List;

/**
 * How much the comparison measures: how many rounds, and in each round how many messages, round
 * trips and connects per client and scenario; and how many idle connections, measured once.
 *
 * @param quick whether this is the smoke run, which only shows that every figure can be measured
 * @param pin whether to give mosquitto a core of its own and this JVM the others ({@link Affinity})
 * @param rounds how many measured rounds; the table shows each figure's median over them
 * @param warmUp whether a shorter round, not counted, goes first to let the JIT compile
 * @param qos0Messages messages per QoS 0 throughput measurement
 * @param qos1Messages messages per QoS 1 throughput measurement
 * @param qos2Messages messages per QoS 2 throughput measurement
 * @param roundTrips QoS 1 round trips per latency measurement
 * @param connects connects and disconnects per measurement
 * @param idleCounts the numbers of idle connections to measure, one after another
 */
record Settings(boolean quick, boolean pin, int rounds, boolean warmUp, int qos0Messages,
    int qos1Messages, int qos2Messages, int roundTrips, int connects, List<Integer> idleCounts) {

  /** How many publishes each client keeps unfinished at most. */
  static final int WINDOW = 100;

  /** The payload of every message. */
  static final int PAYLOAD_BYTES = 64;

  /** The keep-alive of every client's connections. */
  static final int KEEP_ALIVE_SECONDS = 60;

  /** The longest any single wait of the comparison takes before it fails. */
  static final long TIMEOUT_SECONDS = 60;

  /** A warm-up round is this much smaller than a measured one. */
  private static final int WARM_UP_DIVISOR = 4;

  Settings {
    idleCounts = List.copyOf(idleCounts);
  }

  /** The full comparison: five rounds after a warm-up, pinned; a few minutes on two cores. */
  static Settings full() {
    return new Settings(false, true, 5, true, 200_000, 200_000, 50_000, 10_000, 20,
        List.of(1_000, 10_000));
  }

  /** The smoke run: one small round, no warm-up, not pinned; a few seconds. */
  static Settings smoke() {
    return new Settings(true, false, 1, false, 2_000, 2_000, 1_000, 200, 5, List.of(20));
  }

  /** These settings with another number of rounds. */
  Settings withRounds(int newRounds) {
    return new Settings(quick, pin, newRounds, warmUp, qos0Messages, qos1Messages, qos2Messages,
        roundTrips, connects, idleCounts);
  }

  /** These settings, pinned or not. */
  Settings withPin(boolean newPin) {
    return new Settings(quick, newPin, rounds, warmUp, qos0Messages, qos1Messages, qos2Messages,
        roundTrips, connects, idleCounts);
  }

  /** The settings of the warm-up round: a quarter of each count, one round, no idle. */
  Settings warmUpRound() {
    return new Settings(quick, pin, 1, false, qos0Messages / WARM_UP_DIVISOR,
        qos1Messages / WARM_UP_DIVISOR, qos2Messages / WARM_UP_DIVISOR,
        roundTrips / WARM_UP_DIVISOR, connects / WARM_UP_DIVISOR, List.of());
  }
}
