package io.mqttloop;

import java.util.Objects;
import java.util.concurrent.Flow;

/** Turns the ways applications hold requests into the {@link Flow.Publisher} a run takes. */
public final class Sources {
  private Sources() {}

  /**
   * A source that walks {@code requests} with a new iterator for each subscriber, taking only as
   * many elements as the loop requests. The iterator runs on the thread that requests, the loop's
   * own; an exception it throws, or a null element, ends the source with that error.
   */
  public static Flow.Publisher<Request> from(Iterable<? extends Request> requests) {
    Objects.requireNonNull(requests, "requests");
    return subscriber -> IteratorSubscription.start(requests.iterator(), subscriber);
  }
}
