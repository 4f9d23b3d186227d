package io.mqttloop.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.TimeUnit;

/** The heap still in use once the garbage collector has run, and the live threads. */
final class JvmCensus {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
  private static final int COLLECTIONS = 3;
  private static final long PAUSE_MILLIS = 100;
  private static final long SETTLE_LIMIT_SECONDS = 10;

  private JvmCensus() {}

  /** The bytes of heap in use after a few full collections. */
  static long usedAfterGc() throws InterruptedException {
    for (int i = 0; i < COLLECTIONS; i++) {
      System.gc();
      Thread.sleep(PAUSE_MILLIS);
    }
    return MEMORY.getHeapMemoryUsage().getUsed();
  }

  /**
   * The live threads, once their number has held still for a second (ten at most): a client may
   * still be ending the threads of connections closed just before.
   */
  static int settledThreadCount() throws InterruptedException {
    int count = liveThreads();
    long stillSince = System.nanoTime();
    long giveUpAt = stillSince + TimeUnit.SECONDS.toNanos(SETTLE_LIMIT_SECONDS);
    while (System.nanoTime() - stillSince < TimeUnit.SECONDS.toNanos(1)
        && System.nanoTime() < giveUpAt) {
      Thread.sleep(PAUSE_MILLIS);
      int now = liveThreads();
      if (now != count) {
        count = now;
        stillSince = System.nanoTime();
      }
    }
    return count;
  }

  private static int liveThreads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }
}
