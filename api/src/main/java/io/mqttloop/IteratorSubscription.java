package io.mqttloop;

import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * Hands the elements of an iterator to one subscriber, as many as it asks for. The iterator runs
 * on the thread that asks; whether it has more is asked only when an element is wanted, so the end
 * is signalled once the subscriber asks past the last element.
 */
final class IteratorSubscription extends SourceSubscription {
  private final String source;
  private final Runnable closing;
  private @Nullable Iterator<? extends Request> iterator;
  private boolean exhausted;

  private IteratorSubscription(Iterator<? extends Request> iterator, String source,
      Runnable closing, Flow.Subscriber<? super Request> subscriber) {
    super(subscriber);
    this.iterator = iterator;
    this.source = source;
    this.closing = closing;
  }

  /**
   * Subscribes {@code subscriber} to {@code iterator}; {@code source} names it in errors, and
   * {@code closing} runs once the subscription completes, fails or is cancelled.
   */
  static void start(Iterator<? extends Request> iterator, String source, Runnable closing,
      Flow.Subscriber<? super Request> subscriber) {
    new IteratorSubscription(iterator, source, closing, subscriber).start();
  }

  @Override
  @Nullable Request poll() {
    Iterator<? extends Request> current = Objects.requireNonNull(iterator);
    if (!current.hasNext()) {
      exhausted = true;
      return null;
    }
    return Objects.requireNonNull(current.next(), () -> source + " returned a null request");
  }

  @Override
  boolean exhausted() {
    return exhausted;
  }

  @Override
  void release() {
    iterator = null;
    closing.run();
  }
}
