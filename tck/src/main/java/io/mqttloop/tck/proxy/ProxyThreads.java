package io.mqttloop.tck.proxy;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;

/**
 * Makes the proxy's daemon threads, named {@code fault-proxy-*}, and remembers them, so that
 * closing the proxy can wait until they have ended, not merely until they have been told to.
 */
final class ProxyThreads implements ThreadFactory {
  private final ThreadFactory names = new DefaultThreadFactory("fault-proxy", true);
  private final List<Thread> started = new CopyOnWriteArrayList<>();

  @Override
  public Thread newThread(Runnable task) {
    Thread thread = names.newThread(task);
    started.add(thread);
    return thread;
  }

  /**
   * Waits for every thread made so far to end, for at most {@code timeout} in all.
   *
   * @return whether they have all ended
   */
  boolean join(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      for (Thread thread : started) {
        long millisLeft = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        thread.join(millisLeft);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return started.stream().noneMatch(Thread::isAlive);
  }
}
