package io.mqttloop.examples;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** The end of the thread pools an example made: it leaves no thread behind. */
final class Pools {
  private static final long TERMINATION_SECONDS = 10;

  private Pools() {}

  /** Shuts {@code pools} down; their running tasks go on, and no new one starts. */
  static void shutDown(ExecutorService... pools) {
    for (ExecutorService pool : pools) {
      pool.shutdown();
    }
  }

  /**
   * Waits until every one of {@code pools}, shut down already, has ended its threads.
   *
   * @throws IllegalStateException when a pool still runs a task 10 seconds on, such as a loop
   *     that was never closed
   */
  static void awaitEnd(ExecutorService... pools) throws InterruptedException {
    for (ExecutorService pool : pools) {
      if (!pool.awaitTermination(TERMINATION_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("a pool still runs a task " + TERMINATION_SECONDS
            + " s after its shutdown: " + pool);
      }
    }
  }
}
