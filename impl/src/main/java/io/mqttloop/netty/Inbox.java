package io.mqttloop.netty;

import io.mqttloop.Message;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incoming messages on their way to the application: one subscriber at a time, handed only
 * as many messages as it requested, the rest held in a bounded buffer. Confined to the loop;
 * the subscriber's calls from other threads reach it through {@link Loop#submit}.
 */
final class Inbox implements Flow.Publisher<Message> {
  private static final Logger log = LoggerFactory.getLogger(Inbox.class);

  /** The loop side of the inbox. */
  interface Loop {
    /** Runs {@code task} on the loop, at once when already there; false once it has closed. */
    boolean submit(Runnable task);

    /** The subscriber has {@code message} now; acknowledge it when that is the loop's to do. */
    void handedOver(Message message);

    /** The buffer has room again: reading from the broker may go on. */
    void roomFreed();
  }

  private static final Flow.Subscription NO_SUBSCRIPTION = new Flow.Subscription() {
    @Override
    public void request(long n) {
      // A refused subscriber gets nothing, however much it asks for.
    }

    @Override
    public void cancel() {
      // Nothing to stop.
    }
  };

  private final Loop loop;
  private final int capacity;
  private final ArrayDeque<Message> buffered = new ArrayDeque<>();
  private Flow.@Nullable Subscriber<? super Message> subscriber;
  private long demand;
  private boolean delivering;
  private boolean completed;

  Inbox(Loop loop, int capacity) {
    this.loop = loop;
    this.capacity = capacity;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super Message> newSubscriber) {
    Objects.requireNonNull(newSubscriber, "subscriber");
    if (!loop.submit(() -> attach(newSubscriber))) {
      newSubscriber.onSubscribe(new InboxSubscription(newSubscriber));
      newSubscriber.onComplete();
    }
  }

  /** Whether the buffer holds as many messages as it may: reading should wait. */
  boolean isFull() {
    return buffered.size() >= capacity;
  }

  int bufferedCount() {
    return buffered.size();
  }

  /** Hands {@code message} over at once if the subscriber asked for it, or holds it. */
  void offer(Message message) {
    buffered.addLast(message);
    deliver();
  }

  /**
   * The connection that brought the buffered messages is gone: they are dropped, unacknowledged,
   * and the broker sends them again on the next connection of the session.
   */
  void dropBuffered() {
    boolean wasFull = isFull();
    buffered.clear();
    if (wasFull) {
      loop.roomFreed();
    }
  }

  /** The loop closed: the subscriber is told, and what it never took is dropped, unacknowledged. */
  void complete() {
    completed = true;
    buffered.clear();
    Flow.@Nullable Subscriber<? super Message> current = subscriber;
    subscriber = null;
    if (current != null) {
      current.onComplete();
    }
  }

  /** Refuses {@code second}, since messages() has a subscriber already. */
  static void refuse(Flow.Subscriber<? super Message> second) {
    second.onSubscribe(NO_SUBSCRIPTION);
    second.onError(new IllegalStateException(
        "messages() takes one subscriber at a time, and has one"));
  }

  private void attach(Flow.Subscriber<? super Message> newSubscriber) {
    if (subscriber != null) {
      refuse(newSubscriber);
      return;
    }
    InboxSubscription subscription = new InboxSubscription(newSubscriber);
    subscriber = newSubscriber;
    demand = 0;
    newSubscriber.onSubscribe(subscription);
    if (completed) {
      complete();
    } else {
      deliver();
    }
  }

  private void request(Flow.Subscriber<? super Message> from, long n) {
    if (from != subscriber) {
      return;
    }
    if (n <= 0) {
      subscriber = null;
      from.onError(new IllegalArgumentException(
          "request must ask for a positive number of messages, was " + n));
      return;
    }
    demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
    deliver();
  }

  private void cancel(Flow.Subscriber<? super Message> from) {
    if (from == subscriber) {
      subscriber = null;
    }
  }

  /** Hands over what is asked for; a request from inside onNext adds to the loop below. */
  private void deliver() {
    if (delivering) {
      return;
    }
    delivering = true;
    try {
      boolean wasFull = isFull();
      while (subscriber != null && demand > 0 && !buffered.isEmpty()) {
        Message next = buffered.pollFirst();
        demand--;
        handOver(subscriber, next);
      }
      if (wasFull && !isFull()) {
        loop.roomFreed();
      }
    } finally {
      delivering = false;
    }
  }

  private void handOver(Flow.Subscriber<? super Message> to, Message message) {
    try {
      to.onNext(message);
    } catch (Throwable e) {
      log.warn("The messages subscriber threw on {}; the message counts as handed over", message,
          e);
    }
    loop.handedOver(message);
  }

  /** The subscription of one subscriber; its calls may come from any thread. */
  private final class InboxSubscription implements Flow.Subscription {
    private final Flow.Subscriber<? super Message> owner;

    InboxSubscription(Flow.Subscriber<? super Message> owner) {
      this.owner = owner;
    }

    @Override
    public void request(long n) {
      loop.submit(() -> Inbox.this.request(owner, n));
    }

    @Override
    public void cancel() {
      loop.submit(() -> Inbox.this.cancel(owner));
    }
  }
}
