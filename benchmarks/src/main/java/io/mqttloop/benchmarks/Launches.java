package io.mqttloop.benchmarks;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Starts many asynchronous operations, such as connects, a bounded number at a time, so that the
 * broker's listen backlog never overflows.
 */
final class Launches {
  /** Below mosquitto's listen backlog of 100. */
  static final int AT_ONCE = 64;

  private static final long TIMEOUT_SECONDS = 120;

  private Launches() {}

  /** Starts {@code operation} for 0 to {@code count - 1} and waits until all have completed. */
  static void run(int count, IntFunction<CompletionStage<?>> operation) throws Exception {
    CompletableFuture<?>[] running = new CompletableFuture<?>[AT_ONCE];
    for (int i = 0; i < count; i++) {
      int slot = i % AT_ONCE;
      if (running[slot] != null) {
        running[slot].get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
      running[slot] = operation.apply(i).toCompletableFuture();
    }
    for (CompletableFuture<?> last : running) {
      if (last != null) {
        last.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
    }
  }
}
