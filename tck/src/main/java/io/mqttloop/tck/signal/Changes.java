package io.mqttloop.tck.signal;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Wakes the test threads that wait for a fixture's state to reach a condition. The fixture's
 * event loop signals after each change; a waiter asks its question under the same lock, so no
 * signal falls between asking and sleeping.
 */
public final class Changes {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final String watched;

  /** Changes of {@code watched}, a name for failure messages such as "the fault proxy". */
  public Changes(String watched) {
    this.watched = watched;
  }

  /** Wakes every waiter, to ask its question again. */
  public void signal() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Asks {@code probe} now and after every change until it finds something or the time is up.
   *
   * @return what the probe found, or empty when the timeout passed first
   * @throws AssertionError when the waiting thread is interrupted
   */
  public <T> Optional<T> await(Supplier<Optional<T>> probe, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      return awaitLocked(probe, deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting on " + watched, e);
    } finally {
      lock.unlock();
    }
  }

  private <T> Optional<T> awaitLocked(Supplier<Optional<T>> probe, long deadline)
      throws InterruptedException {
    Optional<T> found = probe.get();
    long nanosLeft = deadline - System.nanoTime();
    while (found.isEmpty() && nanosLeft > 0) {
      changed.awaitNanos(nanosLeft);
      found = probe.get();
      nanosLeft = deadline - System.nanoTime();
    }
    return found;
  }
}
