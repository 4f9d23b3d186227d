package io.mqttloop.benchmarks;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Keeps at most a fixed number of publishes unfinished, for clients that leave that to the
 * application: the publishing thread takes a permit before each publish, and the client's
 * completion callback gives it back.
 */
final class Window {

  private final int size;
  private final Semaphore permits;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  private Window(int size) {
    this.size = size;
    this.permits = new Semaphore(size);
  }

  /** Starts a publish that calls {@link Window#leave} once it is finished. */
  interface Publisher {
    void publish(Window window) throws Exception;
  }

  /**
   * Calls {@code publisher} {@code count} times, each once fewer than {@code size} publishes are
   * unfinished, then waits for all to finish.
   *
   * @throws Exception the first failure of a publish, or a timeout when none finished for a minute
   */
  static void publish(int count, int size, Publisher publisher) throws Exception {
    Window window = new Window(size);
    for (int i = 0; i < count; i++) {
      window.enter();
      publisher.publish(window);
    }
    window.drain();
  }

  private void enter() throws Exception {
    if (!permits.tryAcquire(Settings.TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      throw new TimeoutException("no publish completed for " + Settings.TIMEOUT_SECONDS + " s");
    }
    rethrowFailure();
  }

  /** One publish is finished, successfully when {@code error} is null. */
  void leave(@Nullable Throwable error) {
    if (error != null) {
      failure.compareAndSet(null, error);
    }
    permits.release();
  }

  private void drain() throws Exception {
    long timeout = Settings.TIMEOUT_SECONDS;
    if (!permits.tryAcquire(size, timeout, TimeUnit.SECONDS)) {
      throw new TimeoutException("publishes still unfinished after " + timeout + " s");
    }
    permits.release(size);
    rethrowFailure();
  }

  private void rethrowFailure() throws Exception {
    Throwable error = failure.get();
    if (error instanceof Exception exception) {
      throw exception;
    }
    if (error != null) {
      throw new IllegalStateException("a publish failed", error);
    }
  }
}
