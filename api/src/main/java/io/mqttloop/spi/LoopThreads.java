package io.mqttloop.spi;

/**
 * Which threads run an event loop, so that a blocking wait on one of them fails at once instead
 * of waiting for that very thread forever. A transport marks its loop's thread while the loop
 * runs there.
 */
public final class LoopThreads {
  private static final ThreadLocal<Boolean> RUNS_A_LOOP = ThreadLocal.withInitial(() -> false);

  private LoopThreads() {}

  /** Marks the calling thread as running an event loop, until {@link #unmarkCurrent()}. */
  public static void markCurrent() {
    RUNS_A_LOOP.set(true);
  }

  /** The calling thread no longer runs an event loop, as when a pool takes it back. */
  public static void unmarkCurrent() {
    RUNS_A_LOOP.remove();
  }

  /** Whether the calling thread runs an event loop. */
  public static boolean isCurrentMarked() {
    return RUNS_A_LOOP.get();
  }

  /**
   * Refuses a blocking wait on a loop's thread for a stage not yet complete.
   *
   * @throws IllegalStateException when the calling thread runs an event loop
   */
  static void refuseBlockingOnALoopThread(String how) {
    if (isCurrentMarked()) {
      throw new IllegalStateException(how + " on an event loop's thread would wait for that"
          + " thread, which completes the stage, forever: compose on the stage instead"
          + " (thenAccept, thenCompose), or block on a thread of your own");
    }
  }
}
