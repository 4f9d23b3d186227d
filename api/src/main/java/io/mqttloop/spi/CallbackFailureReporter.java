package io.mqttloop.spi;

/**
 * Hears of every exception that an application's callback on a {@link LoopStage}, or on a stage
 * that depends on one, throws: the failures that {@link java.util.concurrent.CompletableFuture}
 * would otherwise only store in the stage the callback returned, where often nobody looks.
 *
 * <p>A transport provides one through {@link java.util.ServiceLoader}, declared with
 * {@code provides} in its module and in {@code META-INF/services} for the class path. The first
 * provider that the api's class loader finds serves the whole JVM, from the first failure on;
 * without one, failures go to {@link System#getLogger(String) the platform logger} at
 * {@code WARNING}.
 *
 * <p>It is called on the thread that ran the callback, often an event loop's: it must return
 * quickly and must not throw. A callback that rethrows the exception it was handed (from
 * {@code handle}, {@code whenComplete}, {@code exceptionally} or {@code exceptionallyCompose})
 * is not reported again.
 */
public interface CallbackFailureReporter {
  /**
   * Reports that a callback threw {@code thrown}, which now completes the stage the callback
   * returned (but for {@code whenComplete} on a failed stage, whose stage keeps that failure and
   * gets {@code thrown} as a suppressed exception). The exception is all it is given: no payload.
   */
  void report(Throwable thrown);
}
