package io.mqttloop.tck;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Collects assertion failures and exceptions raised on threads other than the test's, such as the
 * loop's own, so that the test reports them when it ends instead of losing them.
 */
public final class AsyncErrors {
  private final List<Throwable> errors = new CopyOnWriteArrayList<>();

  /** A collector with no error yet. */
  public AsyncErrors() {}

  /** Records {@code error}; safe to call from any thread. */
  public void record(Throwable error) {
    errors.add(error);
  }

  /** Runs {@code check}, recording what it throws; safe to call from any thread. */
  public void check(Runnable check) {
    try {
      check.run();
    } catch (RuntimeException | AssertionError e) {
      record(e);
    }
  }

  /**
   * Fails with the first error recorded, the others attached as suppressed.
   *
   * @throws AssertionError when any error was recorded
   */
  public void assertNone() {
    if (errors.isEmpty()) {
      return;
    }
    AssertionError failure = new AssertionError(errors.size()
        + " error(s) on other threads; the first: " + errors.get(0), errors.get(0));
    errors.stream().skip(1).forEach(failure::addSuppressed);
    throw failure;
  }
}
