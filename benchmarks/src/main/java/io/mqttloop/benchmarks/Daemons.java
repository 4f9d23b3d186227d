package io.mqttloop.benchmarks;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread factories for the pools the comparison hands to clients. */
final class Daemons {
  private Daemons() {}

  /** Daemon threads named {@code prefix-1}, {@code prefix-2} and so on. */
  static ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return work -> {
      Thread thread = new Thread(work, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
