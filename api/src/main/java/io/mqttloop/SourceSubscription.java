package io.mqttloop;

import io.mqttloop.spi.LoopStage;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The subscription of one of {@link Sources}' sources: it hands requests to one subscriber, no
 * more than asked for, and signals from one drain at a time, whichever thread set it going (a
 * request, a cancel, or news from the source). A request made from inside {@code onNext} adds to
 * the demand and returns; the drain already running serves it (Reactive Streams rule 3.3).
 *
 * <p>A source says what it has through {@link #poll()} and {@link #exhausted()}, which run inside
 * the drain only, and lets go of what it holds in {@link #release()}, once, when the subscription
 * completes, fails or is cancelled.
 */
abstract class SourceSubscription implements Flow.Subscription {
  private static final Flow.Subscription NOTHING = new Flow.Subscription() {
    @Override
    public void request(long n) {}

    @Override
    public void cancel() {}
  };

  private final AtomicLong demand = new AtomicLong();
  /** Drains asked for and not yet run; one until onSubscribe returns, so nothing overtakes it. */
  private final AtomicInteger drains = new AtomicInteger(1);
  private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
  private volatile Flow.@Nullable Subscriber<? super Request> subscriber;
  private volatile boolean cancelled;
  private volatile boolean done;

  SourceSubscription(Flow.Subscriber<? super Request> subscriber) {
    this.subscriber = Objects.requireNonNull(subscriber, "subscriber");
  }

  /** Refuses {@code subscriber} as rule 1.9 asks: a subscription doing nothing, then the error. */
  static void reject(Flow.Subscriber<? super Request> subscriber, Throwable error) {
    subscriber.onSubscribe(NOTHING);
    subscriber.onError(error);
  }

  /** Fails the stage of a request the source took and can no longer hand over. */
  static void refuse(Request request, String why) {
    LoopStage.fail(request, new RequestRefusedException(request, why));
  }

  /** The next request, or null when none is ready now; called only when one is wanted. */
  abstract @Nullable Request poll();

  /** Whether no request will ever be ready again, so the subscriber may be told it is over. */
  abstract boolean exhausted();

  /** Lets go of what the source holds; called once, when this subscription ends. */
  abstract void release();

  /**
   * A request is wanted and none is ready: the source may go and wait for one, and set a drain
   * going when it has it. Called inside the drain only.
   */
  void awaitMore() {}

  /** Hands this subscription to the subscriber, then serves what it asked for meanwhile. */
  final void start() {
    try {
      Objects.requireNonNull(subscriber).onSubscribe(this);
    } catch (Throwable e) {
      cancelled = true;
      runDrains();
      throw e;
    }
    runDrains();
  }

  @Override
  public final void request(long n) {
    if (n <= 0) {
      fail(new IllegalArgumentException(
          "request must ask for a positive number of elements (rule 3.9), was " + n));
      return;
    }
    demand.getAndAccumulate(n, (current, more) -> {
      long sum = current + more;
      return sum < 0 ? Long.MAX_VALUE : sum;
    });
    drain();
  }

  @Override
  public final void cancel() {
    cancelled = true;
    drain();
  }

  /** Ends the subscription with {@code error}, unless it has ended already. */
  final void fail(Throwable error) {
    failure.compareAndSet(null, error);
    drain();
  }

  /** Whether the subscription has ended: completed, failed or cancelled. */
  final boolean isDone() {
    return done;
  }

  /** Signals what is due, here or in the drain already running on another thread. */
  final void drain() {
    if (drains.getAndIncrement() == 0) {
      runDrains();
    }
  }

  private void runDrains() {
    int missed = 1;
    do {
      emit();
      missed = drains.addAndGet(-missed);
    } while (missed != 0);
  }

  private void emit() {
    while (!done) {
      Throwable error = failure.get();
      if (cancelled) {
        reportUncaught(finish());
      } else if (error != null) {
        signalEnd(error);
      } else if (!emitNext()) {
        // Whatever changes this (demand, an error, a request arriving) sets another drain going.
        if (failure.get() == null && exhausted()) {
          signalEnd(null);
        }
        return;
      }
    }
  }

  /** Emits the next request when one is wanted and ready; returns whether it did. */
  private boolean emitNext() {
    if (demand.get() == 0) {
      return false;
    }
    Request next;
    try {
      next = poll();
    } catch (Throwable e) {
      fail(e);
      return false;
    }
    if (next == null) {
      awaitMore();
      return false;
    }
    demand.getAndUpdate(wanted -> wanted == Long.MAX_VALUE ? wanted : wanted - 1);
    deliver(next);
    return true;
  }

  private void deliver(Request next) {
    try {
      Objects.requireNonNull(subscriber).onNext(next);
    } catch (Throwable e) {
      // Rule 2.13: a subscriber that throws is taken to have cancelled; its caller hears of it.
      cancelled = true;
      reportUncaught(finish());
      throw e;
    }
  }

  /** Completes, or fails with {@code error}; a failure to release is passed on as well. */
  private void signalEnd(@Nullable Throwable error) {
    Flow.Subscriber<? super Request> ending = Objects.requireNonNull(subscriber);
    Throwable releaseError = finish();
    if (error == null && releaseError == null) {
      ending.onComplete();
    } else if (error == null) {
      ending.onError(releaseError);
    } else {
      if (releaseError != null) {
        error.addSuppressed(releaseError);
      }
      ending.onError(error);
    }
  }

  /** Ends the subscription and lets go; returns what releasing threw, if anything. */
  private @Nullable Throwable finish() {
    done = true;
    subscriber = null;
    try {
      release();
      return null;
    } catch (Throwable e) {
      return e;
    }
  }

  /** Nobody else could learn of {@code error}: hand it to the thread's uncaught handler. */
  private static void reportUncaught(@Nullable Throwable error) {
    if (error != null) {
      Thread current = Thread.currentThread();
      current.getUncaughtExceptionHandler().uncaughtException(current, error);
    }
  }
}
