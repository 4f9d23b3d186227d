package io.mqttloop.netty;

import io.mqttloop.Outcome;
import io.mqttloop.Request;
import io.mqttloop.spi.LoopStage;
import java.util.Objects;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * One run: the loop's subscriber to the run's source, and the stage of its outcome. Signals may
 * come from any thread; each is handed to the loop, and the fields are touched only there.
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

    void subscribed(Run run);

    void requestArrived(Run run, Request request);

    void sourceEnded(Run run);
  }

  final LoopStage<Outcome> outcome = new LoopStage<>();
  private final Loop loop;
  private Flow.@Nullable Subscription subscription;
  private long requested;
  private boolean ended;
  private @Nullable Throwable sourceError;

  Run(Loop loop) {
    this.loop = loop;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    Objects.requireNonNull(subscription, "subscription");
    if (!loop.queue(() -> subscribedOnLoop(subscription))) {
      subscription.cancel();
    }
  }

  @Override
  public void onNext(@Nullable Request request) {
    if (request == null) {
      onError(new NullPointerException("the source sent a null request (rule 2.13)"));
      return;
    }
    if (!loop.queue(() -> nextOnLoop(request))) {
      LoopStages.refuse(request, "the loop had closed when the source sent it");
    }
  }

  @Override
  public void onError(Throwable error) {
    Objects.requireNonNull(error, "error");
    loop.queue(() -> endedOnLoop(error));
  }

  @Override
  public void onComplete() {
    loop.queue(() -> endedOnLoop(null));
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
