package io.mqttloop.spi;

import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Wraps an application's callback so that what it throws is reported once, to the JVM's
 * {@link CallbackFailureReporter}, and then rethrown unchanged, so that the stage it returned
 * fails exactly as it would have. A null callback is refused at once, as the stage would.
 */
final class ReportingCallbacks {
  private ReportingCallbacks() {}

  static <T, R> Function<T, R> function(Function<? super T, ? extends R> callback) {
    Objects.requireNonNull(callback);
    return value -> call(() -> callback.apply(value), null);
  }

  static <T> Consumer<T> consumer(Consumer<? super T> callback) {
    Objects.requireNonNull(callback);
    return value -> run(() -> callback.accept(value), null);
  }

  static Runnable runnable(Runnable callback) {
    Objects.requireNonNull(callback);
    return () -> run(callback, null);
  }

  static <T, U, R> BiFunction<T, U, R> biFunction(
      BiFunction<? super T, ? super U, ? extends R> callback) {
    Objects.requireNonNull(callback);
    return (first, second) -> call(() -> callback.apply(first, second), null);
  }

  static <T, U> BiConsumer<T, U> biConsumer(BiConsumer<? super T, ? super U> callback) {
    Objects.requireNonNull(callback);
    return (first, second) -> run(() -> callback.accept(first, second), null);
  }

  /** For {@code handle}: rethrowing the failure it was handed is not a new failure. */
  static <T, R> BiFunction<T, Throwable, R> handler(
      BiFunction<? super T, Throwable, ? extends R> callback) {
    Objects.requireNonNull(callback);
    return (value, failure) -> call(() -> callback.apply(value, failure), failure);
  }

  /** For {@code whenComplete}: rethrowing the failure it was handed is not a new failure. */
  static <T> BiConsumer<T, Throwable> action(BiConsumer<? super T, ? super Throwable> callback) {
    Objects.requireNonNull(callback);
    return (value, failure) -> run(() -> callback.accept(value, failure), failure);
  }

  /** For {@code exceptionally...}: rethrowing the failure it was handed is not a new failure. */
  static <R> Function<Throwable, R> recovery(Function<Throwable, ? extends R> callback) {
    Objects.requireNonNull(callback);
    return failure -> call(() -> callback.apply(failure), failure);
  }

  private static void run(Runnable callback, @Nullable Throwable handed) {
    call(() -> {
      callback.run();
      return null;
    }, handed);
  }

  private static <R> R call(Supplier<R> callback, @Nullable Throwable handed) {
    try {
      return callback.get();
    } catch (Throwable thrown) {
      if (handed == null || unwrapped(thrown) != unwrapped(handed)) {
        report(thrown);
      }
      throw thrown;
    }
  }

  /** The failure itself, out of the CompletionException a dependent stage may wrap it in. */
  private static Throwable unwrapped(Throwable failure) {
    Throwable cause = failure.getCause();
    return failure instanceof CompletionException && cause != null ? cause : failure;
  }

  private static void report(Throwable thrown) {
    try {
      Found.REPORTER.report(thrown);
    } catch (RuntimeException ignored) {
      // A reporter that fails must not change how the stage completes.
    }
  }

  /**
   * The first reporter that {@code loader} provides, or a warning through the platform logger
   * when it provides none or a broken one.
   */
  static CallbackFailureReporter find(@Nullable ClassLoader loader) {
    try {
      return ServiceLoader.load(CallbackFailureReporter.class, loader).findFirst()
          .orElseGet(SystemLoggerReporter::new);
    } catch (ServiceConfigurationError broken) {
      return new SystemLoggerReporter();
    }
  }

  /** Looked up at the first failure, once for the JVM. */
  private static final class Found {
    static final CallbackFailureReporter REPORTER =
        find(ReportingCallbacks.class.getClassLoader());
  }
}
