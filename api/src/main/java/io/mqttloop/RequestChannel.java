package io.mqttloop;

import io.mqttloop.spi.LoopStage;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A bounded channel that any number of threads send requests to, and that feeds one subscriber,
 * a run, as it asks. Made by {@link #withCapacity(int)} or {@link #withCapacity(int, int)}.
 *
 * <p>The channel holds at most {@link #capacity()} requests ready for the subscriber. A send that
 * finds it full does not block: its request waits in line behind the others and is queued as soon
 * as the subscriber takes one, first come, first queued. So the requests of one thread reach the
 * subscriber in the order it sent them, whether or not they waited. The waiting line has no limit
 * unless one was given; then a send that finds the line at its {@link #maxWaiting()} too is
 * refused with {@link ChannelFullException}. Every method is safe from any thread and returns at
 * once, without locks; a send may hand requests to the subscriber on the sending thread, when the
 * subscriber has asked for them.
 *
 * <p>{@link #close()} ends the channel: what it holds, queued or waiting, is still handed over,
 * then the subscriber completes. If the subscriber cancels instead (or fails the subscription by
 * asking for a non-positive number), every request the channel holds, queued or waiting, has its
 * stage failed with {@link RequestRefusedException}, as does one that races with the cancel;
 * later sends are refused as after a close. None is left hanging.
 *
 * <p>It feeds one subscriber, once: a second one gets an {@link IllegalStateException} through
 * {@code onError}.
 */
public final class RequestChannel implements Flow.Publisher<Request> {
  private static final int MAX_CAPACITY = 1_000_000;
  private static final int MAX_WAITING = 1_000_000;
  /** The {@link #maxWaiting()} of a waiting line without a limit. */
  private static final int NO_LIMIT = Integer.MAX_VALUE;

  private final int capacity;
  private final int maxWaiting;
  /** The queued requests, then those waiting for room, in the order they were sent. */
  private final Queue<Request> line = new ConcurrentLinkedQueue<>();
  /**
   * The requests in line or about to be: counted before they join, so none is missed. The first
   * {@code capacity} of them are queued, the rest wait. With a waiting limit a request is counted
   * in only by raising the count from below {@code capacity + maxWaiting}, so the count never
   * passes it, and a send is refused only when it saw the count there.
   */
  private final AtomicLong held = new AtomicLong();
  private final AtomicBoolean subscribed = new AtomicBoolean();
  private volatile boolean closed;
  /** Set when the subscriber has gone: everything held is refused, and everything sent. */
  private volatile boolean refusing;
  private volatile @Nullable ChannelSubscription subscription;

  private RequestChannel(int capacity, int maxWaiting) {
    this.capacity = capacity;
    this.maxWaiting = maxWaiting;
  }

  /**
   * A channel that holds at most {@code capacity} requests ready for its subscriber, and lets any
   * number more wait for room. Each waiting request stays in memory, with its payload and some 150
   * bytes of bookkeeping, until the subscriber takes it: a sender that does not wait for its
   * stages can fill the heap. {@link #withCapacity(int, int)} bounds the waiting line.
   *
   * @throws IllegalArgumentException when {@code capacity} is not within 1..1000000
   */
  public static RequestChannel withCapacity(int capacity) {
    return new RequestChannel(checkedCapacity(capacity), NO_LIMIT);
  }

  /**
   * A channel that holds at most {@code capacity} requests ready for its subscriber, and lets at
   * most {@code maxWaiting} more wait for room; a send beyond that is refused with
   * {@link ChannelFullException}, and with a {@code maxWaiting} of 0 every send to a full channel
   * is. So the channel holds no more than {@code capacity + maxWaiting} requests in memory, each
   * with its payload and some 150 bytes of bookkeeping.
   *
   * @throws IllegalArgumentException when {@code capacity} is not within 1..1000000, or
   *     {@code maxWaiting} not within 0..1000000
   */
  public static RequestChannel withCapacity(int capacity, int maxWaiting) {
    if (maxWaiting < 0 || maxWaiting > MAX_WAITING) {
      throw new IllegalArgumentException(
          "maxWaiting must be within 0.." + MAX_WAITING + ", was " + maxWaiting);
    }
    return new RequestChannel(checkedCapacity(capacity), maxWaiting);
  }

  private static int checkedCapacity(int capacity) {
    if (capacity < 1 || capacity > MAX_CAPACITY) {
      throw new IllegalArgumentException(
          "capacity must be within 1.." + MAX_CAPACITY + ", was " + capacity);
    }
    return capacity;
  }

  /**
   * Sends {@code request}: queues it when there is room, or else lines it up to be queued as soon
   * as there is, behind the requests sent before it, unless the waiting line is at its limit too.
   * Never blocks. The returned stage:
   *
   * <ul>
   *   <li>completes, with null, when the request's own stage completes normally, that is once
   *       the subscriber took it and the broker acknowledged it;
   *   <li>fails with the request's failure when the request's stage fails, such as with
   *       {@link RequestRefusedException} when the subscriber cancels before taking it;
   *   <li>fails at once with {@link RequestRefusedException} when the channel was closed or its
   *       subscriber had gone: the request was not taken, and its own stage is untouched;
   *   <li>fails at once with {@link ChannelFullException}, a {@link RequestRefusedException}, when
   *       the channel was full and {@link #maxWaiting()} requests were already waiting: the
   *       request was not taken, and its own stage is untouched.
   * </ul>
   *
   * <p>Callbacks run on the thread that completes the request, the loop's, unless an executor is
   * given.
   */
  public <R extends Request> CompletionStage<Void> send(R request) {
    Objects.requireNonNull(request, "request");
    if (!hold()) {
      // Closed outranks full: the sender learns that sending again later will not help.
      return failed(closed || refusing ? refusal(request) : fullRefusal(request));
    }
    if (closed || refusing) {
      giveBack();
      return failed(refusal(request));
    }
    line.add(request);
    wakeSubscription();
    return following(request);
  }

  /**
   * Queues {@code request} and returns true when there is room and nothing waits for it; returns
   * false at once, queueing nothing, when the channel is full.
   *
   * @throws RequestRefusedException when the channel was closed or its subscriber had gone;
   *     the request was not taken, and its own stage is untouched
   */
  public boolean trySend(Request request) {
    Objects.requireNonNull(request, "request");
    if (closed || refusing) {
      throw refusal(request);
    }
    if (!reserve(capacity)) {
      return false;
    }
    if (closed || refusing) {
      giveBack();
      throw refusal(request);
    }
    line.add(request);
    wakeSubscription();
    return true;
  }

  /**
   * Ends the channel: later sends are refused, and the subscriber completes once it has been
   * handed every request sent before. Calling it again does nothing.
   */
  public void close() {
    closed = true;
    wakeSubscription();
  }

  /**
   * How many requests are queued and not yet handed to the subscriber, at most
   * {@link #capacity()}; those waiting for room are not counted, {@link #waiting()} counts them.
   * A snapshot.
   */
  public int size() {
    return (int) Math.min(held.get(), capacity);
  }

  /**
   * How many requests wait for room, at most {@link #maxWaiting()}; a snapshot, which may count a
   * request a send is still adding or the subscriber is still taking.
   */
  public int waiting() {
    long beyondCapacity = held.get() - capacity;
    return (int) Math.max(0, Math.min(beyondCapacity, Integer.MAX_VALUE));
  }

  /** The most requests the channel holds ready for its subscriber. */
  public int capacity() {
    return capacity;
  }

  /**
   * The most requests that may wait for room, beyond {@link #capacity()}; 0 when a send to a full
   * channel is refused, and {@link Integer#MAX_VALUE} when the waiting line has no limit.
   */
  public int maxWaiting() {
    return maxWaiting;
  }

  /**
   * Subscribes {@code subscriber}, the first one only; a later one gets an
   * {@link IllegalStateException} through {@code onError}.
   */
  @Override
  public void subscribe(Flow.Subscriber<? super Request> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    if (!subscribed.compareAndSet(false, true)) {
      SourceSubscription.reject(subscriber, new IllegalStateException(
          "a RequestChannel feeds one subscriber, and it already has one"));
      return;
    }
    ChannelSubscription fresh = new ChannelSubscription(subscriber);
    subscription = fresh;
    fresh.start();
  }

  @Override
  public String toString() {
    String limit = maxWaiting == NO_LIMIT ? "unlimited" : String.valueOf(maxWaiting);
    return "RequestChannel[size=" + size() + ", waiting=" + waiting() + ", capacity=" + capacity
        + ", maxWaiting=" + limit + ", closed=" + closed + "]";
  }

  /** Counts a request in, unless the waiting line is at its limit; returns whether it did. */
  private boolean hold() {
    if (maxWaiting == NO_LIMIT) {
      held.incrementAndGet();
      return true;
    }
    return reserve((long) capacity + maxWaiting);
  }

  /** Counts a request in while fewer than {@code most} are held; returns whether it did. */
  private boolean reserve(long most) {
    long now;
    do {
      now = held.get();
      if (now >= most) {
        return false;
      }
    } while (!held.compareAndSet(now, now + 1));
    return true;
  }

  /** Takes back the count of a request refused before it joined the line. */
  private void giveBack() {
    held.decrementAndGet();
    wakeSubscription();
  }

  private RequestRefusedException refusal(Request request) {
    String why = closed ? "the channel was closed" : "the channel's subscriber had gone";
    return new RequestRefusedException(request, why);
  }

  private ChannelFullException fullRefusal(Request request) {
    return new ChannelFullException(request, capacity, maxWaiting);
  }

  private static CompletionStage<Void> failed(RequestRefusedException refusal) {
    LoopStage<Void> refused = new LoopStage<>();
    refused.fail(refusal);
    return refused;
  }

  /** Lets the subscription see a change; once it has gone, refuses whatever joined the line. */
  private void wakeSubscription() {
    ChannelSubscription current = subscription;
    if (current != null) {
      current.drain();
    }
    if (refusing) {
      refuseAll();
    }
  }

  private void refuseAll() {
    Request next = line.poll();
    while (next != null) {
      held.decrementAndGet();
      SourceSubscription.refuse(next, "its channel's subscriber went before taking it");
      next = line.poll();
    }
  }

  /** A stage that follows {@code request}'s, and that only the channel can complete. */
  private static CompletionStage<Void> following(Request request) {
    LoopStage<Void> stage = new LoopStage<>();
    request.completion().whenComplete((value, failure) -> {
      if (failure == null) {
        stage.succeed(null);
      } else {
        stage.fail(failure);
      }
    });
    return stage;
  }

  /** Hands the line over, head first, as the subscriber asks. */
  private final class ChannelSubscription extends SourceSubscription {
    ChannelSubscription(Flow.Subscriber<? super Request> subscriber) {
      super(subscriber);
    }

    @Override
    @Nullable Request poll() {
      Request next = line.poll();
      if (next != null) {
        held.decrementAndGet();
      }
      return next;
    }

    @Override
    boolean exhausted() {
      return closed && held.get() == 0;
    }

    @Override
    void release() {
      refusing = true;
      subscription = null;
      refuseAll();
    }
  }
}
