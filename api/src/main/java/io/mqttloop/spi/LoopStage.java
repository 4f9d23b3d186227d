package io.mqttloop.spi;

import io.mqttloop.Publish;
import io.mqttloop.QoS;
import io.mqttloop.Request;
import io.mqttloop.Subscribe;
import io.mqttloop.Unsubscribe;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A stage completed only by the event loop: the stage of a request, a run or a command.
 *
 * <p>Applications see it as a {@link java.util.concurrent.CompletionStage}. Every way to complete
 * it from outside ({@code complete}, {@code cancel}, {@code obtrude...}, {@code orTimeout} and
 * their kin) throws {@link UnsupportedOperationException}, and {@link #toCompletableFuture()}
 * returns a new dependent future that the caller may complete, time out or cancel freely without
 * touching the request. A transport completes it with {@link #succeed} or {@link #fail}.
 *
 * @param <T> what the stage completes with
 */
public final class LoopStage<T> extends CompletableFuture<T> {

  /** A stage that is not yet complete. */
  public LoopStage() {}

  /** The stage of {@code publish}, for the loop that handles it. */
  public static LoopStage<Publish> of(Publish publish) {
    return (LoopStage<Publish>) publish.completion();
  }

  /** The stage of {@code subscribe}, for the loop that handles it. */
  public static LoopStage<List<QoS>> of(Subscribe subscribe) {
    return (LoopStage<List<QoS>>) subscribe.completion();
  }

  /** The stage of {@code unsubscribe}, for the loop that handles it. */
  public static LoopStage<Unsubscribe> of(Unsubscribe unsubscribe) {
    return (LoopStage<Unsubscribe>) unsubscribe.completion();
  }

  /**
   * Fails the stage of {@code request}, whatever its type, with {@code cause}; returns false when
   * it was already complete.
   */
  public static boolean fail(Request request, Throwable cause) {
    return ((LoopStage<?>) request.completion()).fail(cause);
  }

  /** Completes the stage normally; returns false when it was already complete. */
  public boolean succeed(T value) {
    return super.complete(value);
  }

  /** Completes the stage with {@code cause}; returns false when it was already complete. */
  public boolean fail(Throwable cause) {
    return super.completeExceptionally(cause);
  }

  /**
   * A new future that completes as this stage does, with the same value or the same exception
   * (not wrapped in a {@link java.util.concurrent.CompletionException}); completing it leaves this
   * stage alone.
   */
  @Override
  public CompletableFuture<T> toCompletableFuture() {
    CompletableFuture<T> copy = new GuardedCopy<>();
    whenComplete((value, failure) -> {
      if (failure == null) {
        copy.complete(value);
      } else {
        copy.completeExceptionally(failure);
      }
    });
    return copy;
  }

  /**
   * A stage that depends on this one ({@code thenApply} and the like) is guarded as this one is:
   * a blocking wait for it on a loop's thread fails fast too.
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
  public boolean complete(T value) {
    throw completedByTheLoopOnly();
  }

  @Override
  public boolean completeExceptionally(Throwable cause) {
    throw completedByTheLoopOnly();
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    throw completedByTheLoopOnly();
  }

  @Override
  public void obtrudeValue(T value) {
    throw completedByTheLoopOnly();
  }

  @Override
  public void obtrudeException(Throwable cause) {
    throw completedByTheLoopOnly();
  }

  @Override
  public CompletableFuture<T> completeAsync(Supplier<? extends T> supplier, Executor executor) {
    throw completedByTheLoopOnly();
  }

  @Override
  public CompletableFuture<T> completeAsync(Supplier<? extends T> supplier) {
    throw completedByTheLoopOnly();
  }

  @Override
  public CompletableFuture<T> orTimeout(long timeout, TimeUnit unit) {
    throw completedByTheLoopOnly();
  }

  @Override
  public CompletableFuture<T> completeOnTimeout(T value, long timeout, TimeUnit unit) {
    throw completedByTheLoopOnly();
  }

  /**
   * The copy {@link #toCompletableFuture()} returns, and every stage that depends on a loop's
   * stage: refusing to block a loop's thread too, and passing that on to its own dependents.
   */
  private static final class GuardedCopy<T> extends CompletableFuture<T> {
    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
      return new GuardedCopy<>();
    }

    @Override
    public T join() {
      if (!isDone()) {
        LoopThreads.refuseBlockingOnALoopThread("join()");
      }
      return super.join();
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
      if (!isDone()) {
        LoopThreads.refuseBlockingOnALoopThread("get()");
      }
      return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException {
      if (!isDone()) {
        LoopThreads.refuseBlockingOnALoopThread("get(timeout)");
      }
      return super.get(timeout, unit);
    }
  }

  private static UnsupportedOperationException completedByTheLoopOnly() {
    return new UnsupportedOperationException("this stage is completed by its event loop"
        + " only; complete the future from toCompletableFuture() instead");
  }
}
