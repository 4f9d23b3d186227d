package io.mqttloop.spi;

import io.mqttloop.Publish;
import io.mqttloop.QoS;
import io.mqttloop.Request;
import io.mqttloop.Subscribe;
import io.mqttloop.Unsubscribe;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A stage completed only by the event loop: the stage of a request, a run or a command.
 *
 * <p>Applications see it as a {@link java.util.concurrent.CompletionStage}. Every way to complete
 * it from outside ({@code complete}, {@code cancel}, {@code obtrude...}, {@code orTimeout} and
 * their kin) throws {@link UnsupportedOperationException}, and {@link #toCompletableFuture()}
 * returns a new dependent future that the caller may complete, time out or cancel freely without
 * touching the request. A transport completes it with {@link #succeed} or {@link #fail}, on its
 * own thread, or on an executor named by {@link #completeOn}: then the first call to settle the
 * stage wins at once, and the stage completes, and its callbacks run, in a task of that executor.
 *
 * <p>A blocking wait ({@code join}, {@code get}) on an event loop's thread, for this stage or for
 * any stage that depends on it, fails fast instead of waiting forever. A callback given to it or
 * to a stage that depends on it ({@code thenApply}, {@code handle}, {@code exceptionally} and all
 * their kin) that throws is reported once to the {@link CallbackFailureReporter}, and its
 * exception still completes the stage the callback returned, exactly as with a plain
 * {@link CompletableFuture}; a callback that rethrows the failure it was handed is not reported
 * again.
 *
 * @param <T> what the stage completes with
 */
public final class LoopStage<T> extends GuardedStage<T> {
  private static final VarHandle SETTLED;

  static {
    try {
      SETTLED = MethodHandles.lookup().findVarHandle(LoopStage.class, "settled", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private volatile @Nullable Executor completer;
  @SuppressWarnings("unused") // set through SETTLED
  private volatile boolean settled;

  /** A stage that is not yet complete, completed on the thread that settles it. */
  public LoopStage() {}

  /** A stage that is not yet complete, completed on {@code completer} when it is not null. */
  public LoopStage(@Nullable Executor completer) {
    this.completer = completer;
  }

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

  /**
   * Makes the stage of {@code request} complete on {@code completer}, as {@link #completeOn}
   * does.
   */
  public static void completeOn(Request request, Executor completer) {
    ((LoopStage<?>) request.completion()).completeOn(completer);
  }

  /**
   * Makes the stage complete, and its callbacks run, in a task of {@code completer} from now on.
   * An executor that refuses the task has the stage completed on the settling thread instead, so
   * that no stage is left hanging.
   */
  public void completeOn(Executor completer) {
    this.completer = Objects.requireNonNull(completer, "completer");
  }

  /** Completes the stage normally; returns false when it was already settled. */
  public boolean succeed(T value) {
    return settle(() -> super.complete(value));
  }

  /** Completes the stage with {@code cause}; returns false when it was already settled. */
  public boolean fail(Throwable cause) {
    Objects.requireNonNull(cause, "cause");
    return settle(() -> super.completeExceptionally(cause));
  }

  private boolean settle(Runnable completion) {
    if (!SETTLED.compareAndSet(this, false, true)) {
      return false;
    }
    Executor target = completer;
    if (target == null) {
      completion.run();
      return true;
    }
    try {
      target.execute(completion);
    } catch (RuntimeException refused) {
      completion.run();
    }
    return true;
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

  private static UnsupportedOperationException completedByTheLoopOnly() {
    return new UnsupportedOperationException("this stage is completed by its event loop"
        + " only; complete the future from toCompletableFuture() instead");
  }
}
