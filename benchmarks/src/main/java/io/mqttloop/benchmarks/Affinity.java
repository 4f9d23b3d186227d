package io.mqttloop.benchmarks;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Gives the broker a core of its own and this JVM the others, with {@code taskset}, so that the
 * scheduler does not move the client and the broker between sharing one core and running on two
 * from one measurement to the next: on two cores that alone swings a figure by half.
 */
final class Affinity {
  private static final long TIMEOUT_SECONDS = 10;

  private Affinity() {}

  /**
   * Pins the broker to the last core and every thread of this JVM to the others; returns how,
   * for the report, or nothing when there are fewer than two cores or {@code taskset} failed.
   */
  static Optional<String> pin(ProcessHandle broker) {
    int cores = Runtime.getRuntime().availableProcessors();
    if (cores < 2) {
      return Optional.empty();
    }
    String brokerCore = String.valueOf(cores - 1);
    String clientCores = cores == 2 ? "0" : "0-" + (cores - 2);
    if (taskset(broker.pid(), brokerCore)
        && taskset(ProcessHandle.current().pid(), clientCores)) {
      return Optional.of("this JVM on CPU " + clientCores + ", mosquitto on CPU " + brokerCore);
    }
    return Optional.empty();
  }

  /** Sets the CPUs of every thread of process {@code pid}; returns whether taskset did. */
  private static boolean taskset(long pid, String cpus) {
    ProcessBuilder command = new ProcessBuilder("taskset", "--all-tasks", "--cpu-list", "--pid",
        cpus, String.valueOf(pid)).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectErrorStream(true);
    try {
      Process process = command.start();
      return process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
