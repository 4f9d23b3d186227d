package io.mqttloop;

import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands the elements of an iterator to one subscriber, as many as it requests. A request made
 * from inside {@code onNext} adds to the demand instead of recursing (Reactive Streams rule 3.3).
 */
final class IteratorSubscription implements Flow.Subscription {
  private final Iterator<? extends Request> iterator;
  private final Flow.Subscriber<? super Request> subscriber;
  private final AtomicLong demand = new AtomicLong();
  private volatile boolean done;

  private IteratorSubscription(
      Iterator<? extends Request> iterator, Flow.Subscriber<? super Request> subscriber) {
    this.iterator = iterator;
    this.subscriber = subscriber;
  }

  static void start(Iterator<? extends Request> iterator, Flow.Subscriber<? super Request> sub) {
    Objects.requireNonNull(sub, "subscriber");
    sub.onSubscribe(new IteratorSubscription(iterator, sub));
  }

  @Override
  public void request(long n) {
    if (n <= 0) {
      cancel();
      subscriber.onError(new IllegalArgumentException(
          "request must ask for a positive number of elements, was " + n));
      return;
    }
    if (addDemand(n) == 0) {
      drain();
    }
  }

  @Override
  public void cancel() {
    done = true;
  }

  /** Adds {@code n}, capped at Long.MAX_VALUE; returns the demand before. */
  private long addDemand(long n) {
    return demand.getAndAccumulate(n, (current, more) -> {
      long sum = current + more;
      return sum < 0 ? Long.MAX_VALUE : sum;
    });
  }

  /** Emits while there is demand; only the caller that raised the demand from zero gets here. */
  private void drain() {
    long emitted = 0;
    long wanted = demand.get();
    while (true) {
      while (emitted < wanted && !done) {
        if (!emitNext()) {
          return;
        }
        emitted++;
      }
      if (done) {
        return;
      }
      wanted = demand.addAndGet(-emitted);
      emitted = 0;
      if (wanted == 0) {
        return;
      }
    }
  }

  /** Emits one element, or the end; returns false once the source has ended. */
  private boolean emitNext() {
    Request next;
    try {
      if (!iterator.hasNext()) {
        done = true;
        subscriber.onComplete();
        return false;
      }
      next = Objects.requireNonNull(iterator.next(), "the iterable returned a null request");
    } catch (Throwable e) {
      done = true;
      subscriber.onError(e);
      return false;
    }
    subscriber.onNext(next);
    return true;
  }
}
