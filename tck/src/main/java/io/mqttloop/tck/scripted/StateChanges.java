package io.mqttloop.tck.scripted;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Wakes test threads that wait for the broker's state to reach a condition. The event loop
 * signals after each change (a packet recorded, an ack held, a connection closed); a waiter
 * checks its condition under the same lock, so it cannot miss a signal between checking and
 * sleeping.
 */
final class StateChanges {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  void signal() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Asks {@code probe} after every change until it finds something or the time is up.
   *
   * @return what the probe found, or empty when the timeout passed first
   * @throws AssertionError when the waiting thread is interrupted
   */
  <T> Optional<T> await(Supplier<Optional<T>> probe, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      return awaitLocked(probe, deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting on the scripted broker", e);
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
