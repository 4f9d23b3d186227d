package io.mqttloop.netty;

import io.mqttloop.Outcome;
import io.mqttloop.Request;
import io.mqttloop.spi.LoopStage;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One run: the loop's subscriber to the run's source, and the stage of its outcome. Signals may
 * come from any thread; each is handed to the loop, and the fields are touched only there. A
 * signal sent on the loop's thread is handled at once, unless signals sent from other threads
 * are still queued, so that the source's order holds whichever thread sends: a request the loop
 * asked for and got at once is in its session before the next command is handled.
 */
final class Run implements Flow.Subscriber<Request> {

  /** The loop side of a run; each method is called on the loop's thread. */
  interface Loop {
    /**
     * Runs {@code task} on the loop after every task queued before it, even when called on the
     * loop, so that the source's signals keep their order whichever thread sends them; returns
     * false when the loop can no longer run anything.
     */
    boolean queue(Runnable task);

    /** Whether the calling thread is the loop's. */
    boolean inLoop();

    void subscribed(Run run);

    void requestArrived(Run run, Request request);

    void sourceEnded(Run run);
  }

  final LoopStage<Outcome> outcome;
  private final Loop loop;
  private final AtomicInteger queued = new AtomicInteger();
  private Flow.@Nullable Subscription subscription;
  private long requested;
  private boolean ended;
  private @Nullable Throwable sourceError;

  Run(Loop loop, LoopStage<Outcome> outcome) {
    this.loop = loop;
    this.outcome = outcome;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    Objects.requireNonNull(subscription, "subscription");
    if (!handOver(() -> subscribedOnLoop(subscription))) {
      subscription.cancel();
    }
  }

  @Override
  public void onNext(@Nullable Request request) {
    if (request == null) {
      onError(new NullPointerException("the source sent a null request (rule 2.13)"));
      return;
    }
    if (!handOver(() -> nextOnLoop(request))) {
      LoopStages.refuse(request, "the loop had closed when the source sent it");
    }
  }

  @Override
  public void onError(Throwable error) {
    Objects.requireNonNull(error, "error");
    handOver(() -> endedOnLoop(error));
  }

  @Override
  public void onComplete() {
    handOver(() -> endedOnLoop(null));
  }

  /** Runs a signal's task on the loop, in the order the signals came; false if it cannot. */
  private boolean handOver(Runnable task) {
    if (queued.get() == 0 && loop.inLoop()) {
      task.run();
      return true;
    }
    queued.incrementAndGet();
    boolean accepted = loop.queue(() -> {
      queued.decrementAndGet();
      task.run();
    });
    if (!accepted) {
      queued.decrementAndGet();
    }
    return accepted;
  }

  /** Asks the source for {@code n} more requests. */
  void request(long n) {
    Flow.@Nullable Subscription current = subscription;
    if (current != null && !ended && n > 0) {
      requested += n;
      try {
        current.request(n);
      } catch (RuntimeException e) {
        onError(e);
      }
    }
  }

  /** Stops the source; the requests it still sends are refused. */
  void cancel() {
    Flow.@Nullable Subscription current = subscription;
    ended = true;
    if (current != null) {
      current.cancel();
    }
  }

  boolean isSubscribed() {
    return subscription != null;
  }

  long requested() {
    return requested;
  }

  boolean ended() {
    return ended;
  }

  @Nullable Throwable sourceError() {
    return sourceError;
  }

  private void subscribedOnLoop(Flow.Subscription subscription) {
    if (this.subscription != null || ended) {
      subscription.cancel();
      return;
    }
    this.subscription = subscription;
    loop.subscribed(this);
  }

  private void nextOnLoop(Request request) {
    if (ended) {
      LoopStages.refuse(request, "the run had ended when the source sent it");
      return;
    }
    requested = Math.max(0, requested - 1);
    loop.requestArrived(this, request);
  }

  private void endedOnLoop(@Nullable Throwable error) {
    if (ended) {
      return;
    }
    ended = true;
    sourceError = error;
    loop.sourceEnded(this);
  }
}
