package io.mqttloop.spi;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a {@link LoopStage} and every stage that depends on it share: a blocking wait for it on a
 * loop's thread fails fast, its dependents are guarded as it is, and a callback given to it that
 * throws is reported once (see {@link CallbackFailureReporter}) before its exception completes
 * the dependent stage, exactly as a plain {@link CompletableFuture} would complete it.
 */
abstract class GuardedStage<T> extends CompletableFuture<T> {

  /**
   * A stage that depends on this one ({@code thenApply} and the like) is guarded as this one is:
   * a blocking wait for it on a loop's thread fails fast too, and its callbacks are reported.
   */
  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new GuardedCopy<>();
  }

  /**
   * Waits for the value, as {@link CompletableFuture#join()} does.
   *
   * @throws IllegalStateException when called, before completion, on an event loop's thread
   */
  @Override
  public T join() {
    if (!isDone()) {
      LoopThreads.refuseBlockingOnALoopThread("join()");
    }
    return super.join();
  }

  /**
   * Waits for the value, as {@link CompletableFuture#get()} does.
   *
   * @throws IllegalStateException when called, before completion, on an event loop's thread
   */
  @Override
  public T get() throws InterruptedException, ExecutionException {
    if (!isDone()) {
      LoopThreads.refuseBlockingOnALoopThread("get()");
    }
    return super.get();
  }

  /**
   * Waits for the value at most {@code timeout}, as {@link CompletableFuture#get(long, TimeUnit)}
   * does.
   *
   * @throws IllegalStateException when called, before completion, on an event loop's thread
   */
  @Override
  public T get(long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    if (!isDone()) {
      LoopThreads.refuseBlockingOnALoopThread("get(timeout)");
    }
    return super.get(timeout, unit);
  }

  @Override
  public <U> CompletableFuture<U> thenApply(Function<? super T, ? extends U> fn) {
    return super.thenApply(ReportingCallbacks.function(fn));
  }

  @Override
  public <U> CompletableFuture<U> thenApplyAsync(Function<? super T, ? extends U> fn) {
    return super.thenApplyAsync(ReportingCallbacks.function(fn));
  }

  @Override
  public <U> CompletableFuture<U> thenApplyAsync(
      Function<? super T, ? extends U> fn, Executor executor) {
    return super.thenApplyAsync(ReportingCallbacks.function(fn), executor);
  }

  @Override
  public CompletableFuture<Void> thenAccept(Consumer<? super T> action) {
    return super.thenAccept(ReportingCallbacks.consumer(action));
  }

  @Override
  public CompletableFuture<Void> thenAcceptAsync(Consumer<? super T> action) {
    return super.thenAcceptAsync(ReportingCallbacks.consumer(action));
  }

  @Override
  public CompletableFuture<Void> thenAcceptAsync(Consumer<? super T> action, Executor executor) {
    return super.thenAcceptAsync(ReportingCallbacks.consumer(action), executor);
  }

  @Override
  public CompletableFuture<Void> thenRun(Runnable action) {
    return super.thenRun(ReportingCallbacks.runnable(action));
  }

  @Override
  public CompletableFuture<Void> thenRunAsync(Runnable action) {
    return super.thenRunAsync(ReportingCallbacks.runnable(action));
  }

  @Override
  public CompletableFuture<Void> thenRunAsync(Runnable action, Executor executor) {
    return super.thenRunAsync(ReportingCallbacks.runnable(action), executor);
  }

  @Override
  public <U, V> CompletableFuture<V> thenCombine(CompletionStage<? extends U> other,
      BiFunction<? super T, ? super U, ? extends V> fn) {
    return super.thenCombine(other, ReportingCallbacks.biFunction(fn));
  }

  @Override
  public <U, V> CompletableFuture<V> thenCombineAsync(CompletionStage<? extends U> other,
      BiFunction<? super T, ? super U, ? extends V> fn) {
    return super.thenCombineAsync(other, ReportingCallbacks.biFunction(fn));
  }

  @Override
  public <U, V> CompletableFuture<V> thenCombineAsync(CompletionStage<? extends U> other,
      BiFunction<? super T, ? super U, ? extends V> fn, Executor executor) {
    return super.thenCombineAsync(other, ReportingCallbacks.biFunction(fn), executor);
  }

  @Override
  public <U> CompletableFuture<Void> thenAcceptBoth(CompletionStage<? extends U> other,
      BiConsumer<? super T, ? super U> action) {
    return super.thenAcceptBoth(other, ReportingCallbacks.biConsumer(action));
  }

  @Override
  public <U> CompletableFuture<Void> thenAcceptBothAsync(CompletionStage<? extends U> other,
      BiConsumer<? super T, ? super U> action) {
    return super.thenAcceptBothAsync(other, ReportingCallbacks.biConsumer(action));
  }

  @Override
  public <U> CompletableFuture<Void> thenAcceptBothAsync(CompletionStage<? extends U> other,
      BiConsumer<? super T, ? super U> action, Executor executor) {
    return super.thenAcceptBothAsync(other, ReportingCallbacks.biConsumer(action), executor);
  }

  /** Runs {@code action} as {@link #thenAcceptBoth} runs a consumer that ignores both values. */
  @Override
  public CompletableFuture<Void> runAfterBoth(CompletionStage<?> other, Runnable action) {
    return thenAcceptBoth(other, ignoringBoth(action));
  }

  /** Runs {@code action} as {@link #thenAcceptBothAsync} runs a consumer ignoring both values. */
  @Override
  public CompletableFuture<Void> runAfterBothAsync(CompletionStage<?> other, Runnable action) {
    return thenAcceptBothAsync(other, ignoringBoth(action));
  }

  /** Runs {@code action} as {@link #thenAcceptBothAsync} runs a consumer ignoring both values. */
  @Override
  public CompletableFuture<Void> runAfterBothAsync(CompletionStage<?> other, Runnable action,
      Executor executor) {
    return thenAcceptBothAsync(other, ignoringBoth(action), executor);
  }

  @Override
  public <U> CompletableFuture<U> applyToEither(CompletionStage<? extends T> other,
      Function<? super T, U> fn) {
    return super.applyToEither(other, ReportingCallbacks.function(fn));
  }

  @Override
  public <U> CompletableFuture<U> applyToEitherAsync(CompletionStage<? extends T> other,
      Function<? super T, U> fn) {
    return super.applyToEitherAsync(other, ReportingCallbacks.function(fn));
  }

  @Override
  public <U> CompletableFuture<U> applyToEitherAsync(CompletionStage<? extends T> other,
      Function<? super T, U> fn, Executor executor) {
    return super.applyToEitherAsync(other, ReportingCallbacks.function(fn), executor);
  }

  @Override
  public CompletableFuture<Void> acceptEither(CompletionStage<? extends T> other,
      Consumer<? super T> action) {
    return super.acceptEither(other, ReportingCallbacks.consumer(action));
  }

  @Override
  public CompletableFuture<Void> acceptEitherAsync(CompletionStage<? extends T> other,
      Consumer<? super T> action) {
    return super.acceptEitherAsync(other, ReportingCallbacks.consumer(action));
  }

  @Override
  public CompletableFuture<Void> acceptEitherAsync(CompletionStage<? extends T> other,
      Consumer<? super T> action, Executor executor) {
    return super.acceptEitherAsync(other, ReportingCallbacks.consumer(action), executor);
  }

  @Override
  public CompletableFuture<Void> runAfterEither(CompletionStage<?> other, Runnable action) {
    return super.runAfterEither(other, ReportingCallbacks.runnable(action));
  }

  @Override
  public CompletableFuture<Void> runAfterEitherAsync(CompletionStage<?> other, Runnable action) {
    return super.runAfterEitherAsync(other, ReportingCallbacks.runnable(action));
  }

  @Override
  public CompletableFuture<Void> runAfterEitherAsync(CompletionStage<?> other, Runnable action,
      Executor executor) {
    return super.runAfterEitherAsync(other, ReportingCallbacks.runnable(action), executor);
  }

  @Override
  public <U> CompletableFuture<U> thenCompose(
      Function<? super T, ? extends CompletionStage<U>> fn) {
    return super.thenCompose(ReportingCallbacks.function(fn));
  }

  @Override
  public <U> CompletableFuture<U> thenComposeAsync(
      Function<? super T, ? extends CompletionStage<U>> fn) {
    return super.thenComposeAsync(ReportingCallbacks.function(fn));
  }

  @Override
  public <U> CompletableFuture<U> thenComposeAsync(
      Function<? super T, ? extends CompletionStage<U>> fn, Executor executor) {
    return super.thenComposeAsync(ReportingCallbacks.function(fn), executor);
  }

  @Override
  public <U> CompletableFuture<U> handle(BiFunction<? super T, Throwable, ? extends U> fn) {
    return super.handle(ReportingCallbacks.handler(fn));
  }

  @Override
  public <U> CompletableFuture<U> handleAsync(BiFunction<? super T, Throwable, ? extends U> fn) {
    return super.handleAsync(ReportingCallbacks.handler(fn));
  }

  @Override
  public <U> CompletableFuture<U> handleAsync(
      BiFunction<? super T, Throwable, ? extends U> fn, Executor executor) {
    return super.handleAsync(ReportingCallbacks.handler(fn), executor);
  }

  @Override
  public CompletableFuture<T> whenComplete(BiConsumer<? super T, ? super Throwable> action) {
    return super.whenComplete(ReportingCallbacks.action(action));
  }

  @Override
  public CompletableFuture<T> whenCompleteAsync(BiConsumer<? super T, ? super Throwable> action) {
    return super.whenCompleteAsync(ReportingCallbacks.action(action));
  }

  @Override
  public CompletableFuture<T> whenCompleteAsync(
      BiConsumer<? super T, ? super Throwable> action, Executor executor) {
    return super.whenCompleteAsync(ReportingCallbacks.action(action), executor);
  }

  @Override
  public CompletableFuture<T> exceptionally(Function<Throwable, ? extends T> fn) {
    return super.exceptionally(ReportingCallbacks.recovery(fn));
  }

  @Override
  public CompletableFuture<T> exceptionallyAsync(Function<Throwable, ? extends T> fn) {
    return super.exceptionallyAsync(ReportingCallbacks.recovery(fn));
  }

  @Override
  public CompletableFuture<T> exceptionallyAsync(
      Function<Throwable, ? extends T> fn, Executor executor) {
    return super.exceptionallyAsync(ReportingCallbacks.recovery(fn), executor);
  }

  @Override
  public CompletableFuture<T> exceptionallyCompose(
      Function<Throwable, ? extends CompletionStage<T>> fn) {
    return super.exceptionallyCompose(ReportingCallbacks.recovery(fn));
  }

  @Override
  public CompletableFuture<T> exceptionallyComposeAsync(
      Function<Throwable, ? extends CompletionStage<T>> fn) {
    return super.exceptionallyComposeAsync(ReportingCallbacks.recovery(fn));
  }

  @Override
  public CompletableFuture<T> exceptionallyComposeAsync(
      Function<Throwable, ? extends CompletionStage<T>> fn, Executor executor) {
    return super.exceptionallyComposeAsync(ReportingCallbacks.recovery(fn), executor);
  }

  private static BiConsumer<Object, Object> ignoringBoth(Runnable action) {
    Objects.requireNonNull(action);
    return (first, second) -> action.run();
  }
}
