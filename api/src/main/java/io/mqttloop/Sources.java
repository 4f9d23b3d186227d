package io.mqttloop;

import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Turns the ways applications hold requests into the {@link Flow.Publisher} a run takes:
 *
 * <ul>
 *   <li>{@link #from(Iterable)}: a collection, or anything that can be walked again and again;
 *   <li>{@link #from(Iterator)}: an iterator, walked once;
 *   <li>{@link #from(Stream)}: a stream, walked once and closed at the end;
 *   <li>{@link #from(BlockingQueue, Executor)}: a queue other threads fill, waited on by a thread
 *       of the caller's executor, never by the loop's;
 *   <li>{@link RequestChannel#withCapacity(int)}: a bounded channel that many threads send to,
 *       with a stage per request.
 * </ul>
 *
 * <p>Each source hands over no more requests than the loop asks for, and runs what it can on the
 * thread that asks, which is the loop's: an iterator or a stream must not block. Any other
 * {@code Flow.Publisher<Request>} works as is. A Reactive Streams publisher, such as Reactor's or
 * RxJava's, becomes one with {@code org.reactivestreams.FlowAdapters.toFlowPublisher(publisher)}.
 */
public final class Sources {
  private static final Runnable NOTHING_TO_CLOSE = () -> {};

  private Sources() {}

  /**
   * A source that walks {@code requests} with a new iterator for each subscriber, taking only as
   * many elements as the loop requests. The iterator runs on the thread that requests, the loop's
   * own; an exception it throws, or a null element, ends the source with that error.
   */
  public static Flow.Publisher<Request> from(Iterable<? extends Request> requests) {
    Objects.requireNonNull(requests, "requests");
    return subscriber -> startIterable(requests, subscriber);
  }

  /**
   * A source that walks {@code requests} once, as {@link #from(Iterable)} walks an iterable. It
   * takes one subscriber: a second one gets an {@link IllegalStateException} through onError.
   */
  public static Flow.Publisher<Request> from(Iterator<? extends Request> requests) {
    Objects.requireNonNull(requests, "requests");
    return once("an iterator source", requests, (iterator, subscriber) ->
        IteratorSubscription.start(iterator, "the iterator", NOTHING_TO_CLOSE, subscriber));
  }

  /**
   * A source that walks {@code requests} once, as {@link #from(Iterable)} walks an iterable, and
   * closes the stream when it completes, fails or is cancelled. An exception from closing fails
   * the source if it was ending anyway, and goes to the uncaught exception handler of the thread
   * that cancelled otherwise. It takes one subscriber: a second one gets an
   * {@link IllegalStateException} through onError.
   */
  public static Flow.Publisher<Request> from(Stream<? extends Request> requests) {
    Objects.requireNonNull(requests, "requests");
    return once("a stream source", requests, Sources::startStream);
  }

  /**
   * A source of the requests put into {@code queue}, waited for by a task on {@code taker} so that
   * the loop's thread never blocks; {@link QueueSource#end()} ends it. {@link QueueSource} tells
   * how it waits, ends and fails.
   */
  public static QueueSource from(BlockingQueue<? extends Request> queue, Executor taker) {
    return new QueueSource(queue, taker);
  }

  /** A publisher that hands {@code held} to its first subscriber and refuses the others. */
  private static <T> Flow.Publisher<Request> once(String what, T held,
      BiConsumer<T, Flow.Subscriber<? super Request>> start) {
    AtomicReference<@Nullable T> unused = new AtomicReference<>(held);
    return subscriber -> {
      Objects.requireNonNull(subscriber, "subscriber");
      T first = unused.getAndSet(null);
      if (first == null) {
        SourceSubscription.reject(subscriber, new IllegalStateException(
            what + " can be subscribed once, and it already was"));
        return;
      }
      start.accept(first, subscriber);
    };
  }

  private static void startIterable(Iterable<? extends Request> iterable,
      Flow.Subscriber<? super Request> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    Iterator<? extends Request> iterator;
    try {
      iterator = iterable.iterator();
    } catch (RuntimeException e) {
      SourceSubscription.reject(subscriber, e);
      return;
    }
    IteratorSubscription.start(iterator, "the iterable", NOTHING_TO_CLOSE, subscriber);
  }

  private static void startStream(Stream<? extends Request> stream,
      Flow.Subscriber<? super Request> subscriber) {
    Iterator<? extends Request> iterator;
    try {
      iterator = stream.iterator();
    } catch (RuntimeException e) {
      stream.close();
      SourceSubscription.reject(subscriber, e);
      return;
    }
    IteratorSubscription.start(iterator, "the stream", stream::close, subscriber);
  }
}
