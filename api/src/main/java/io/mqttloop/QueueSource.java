package io.mqttloop;

import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A source of the requests other threads put into a {@link BlockingQueue}, made by
 * {@link Sources#from(BlockingQueue, Executor)}. It hands them over in the queue's order, no more
 * than the subscriber asks for.
 *
 * <p>The loop's thread never waits for the queue. When a request is wanted and the queue is
 * empty, one task on the caller's {@code taker} executor waits in {@link BlockingQueue#take()}
 * and hands over what it takes, on the taker's thread; signals stay one at a time. The taker must
 * run the task on a thread that may block: a direct executor would block the thread that asks.
 *
 * <p>{@link #end()} says that the queue has ended: the requests already in it are still handed
 * over, then the source completes. A request put after {@code end()} may not be handed over; it
 * stays in the queue, its stage untouched.
 *
 * <p>The source fails, through {@code onError}, with:
 *
 * <ul>
 *   <li>{@link IllegalStateException} when the taker rejects the task, or when something other
 *       than {@code end()} interrupts the taker's thread as it waits; the source is then done and
 *       takes nothing more from the queue;
 *   <li>{@link NullPointerException} when the queue gives a null request;
 *   <li>whatever else the queue throws.
 * </ul>
 *
 * <p>It feeds one subscriber, once: a second one gets an {@link IllegalStateException} through
 * {@code onError}. When the subscriber cancels, or the source fails, a request the taker has taken
 * and not handed over has its stage failed with {@link RequestRefusedException}; the rest stay in
 * the queue.
 */
public final class QueueSource implements Flow.Publisher<Request> {
  private final BlockingQueue<? extends Request> queue;
  private final Executor taker;
  private final AtomicBoolean subscribed = new AtomicBoolean();
  private volatile boolean ended;
  private volatile @Nullable QueueSubscription subscription;

  QueueSource(BlockingQueue<? extends Request> queue, Executor taker) {
    this.queue = Objects.requireNonNull(queue, "queue");
    this.taker = Objects.requireNonNull(taker, "taker");
  }

  /**
   * Ends the source: once the requests in the queue now are handed over, it completes. A taker
   * waiting on the empty queue is woken by an interrupt of its task, which leaves no interrupt
   * behind on the taker's thread. Safe from any thread; calling it again does nothing.
   */
  public void end() {
    ended = true;
    QueueSubscription current = subscription;
    if (current != null) {
      current.wakeTaker();
      current.drain();
    }
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
          "a QueueSource feeds one subscriber, and it already has one"));
      return;
    }
    QueueSubscription fresh = new QueueSubscription(subscriber);
    subscription = fresh;
    fresh.start();
  }

  /** The subscription, and the one task at a time that waits for the queue on the taker. */
  private final class QueueSubscription extends SourceSubscription {
    /** What the task took, until the drain hands it over. */
    private final AtomicReference<@Nullable Request> taken = new AtomicReference<>();
    /** Whether a task is on the taker, from its submission until it has left what it took. */
    private final AtomicBoolean taking = new AtomicBoolean();
    private final Object wakeLock = new Object();
    /** The thread of the task while it waits in take(); guarded by wakeLock. */
    private @Nullable Thread waiting;
    /** Whether we interrupted that thread; guarded by wakeLock. */
    private boolean woken;

    QueueSubscription(Flow.Subscriber<? super Request> subscriber) {
      super(subscriber);
    }

    @Override
    @Nullable Request poll() {
      // Read before what the task took: a task that is done has left it there already.
      boolean busy = taking.get();
      Request first = taken.getAndSet(null);
      if (first != null) {
        return first;
      }
      // While the task waits, it is first in line: polling past it could reorder the queue.
      return busy ? null : queue.poll();
    }

    @Override
    boolean exhausted() {
      return ended && !taking.get() && taken.get() == null && queue.isEmpty();
    }

    @Override
    void awaitMore() {
      if (ended || !taking.compareAndSet(false, true)) {
        return;
      }
      try {
        taker.execute(this::takeOne);
      } catch (RuntimeException e) {
        taking.set(false);
        fail(new IllegalStateException("the taker executor " + taker + " rejected the task that"
            + " waits for the queue, so this QueueSource can take nothing more", e));
      }
    }

    @Override
    void release() {
      subscription = null;
      wakeTaker();
      refuseWhatWasTaken();
    }

    /** Interrupts the task if it waits in take(), and no other work of the taker's thread. */
    void wakeTaker() {
      synchronized (wakeLock) {
        if (waiting != null && !woken) {
          woken = true;
          waiting.interrupt();
        }
      }
    }

    /** The task on the taker: waits for one request and leaves it for the drain. */
    private void takeOne() {
      Request next;
      try {
        next = waitForOne();
      } catch (RuntimeException e) {
        taking.set(false);
        fail(e);
        return;
      }
      if (next != null) {
        taken.set(next);
      }
      taking.set(false);
      drain();
      if (isDone()) {
        refuseWhatWasTaken();
      }
    }

    /** Waits in take(); returns null when the source ended or was cancelled meanwhile. */
    private @Nullable Request waitForOne() {
      if (!enterTake()) {
        return null;
      }
      try {
        Request next = queue.take();
        return Objects.requireNonNull(next, "the queue of a QueueSource gave a null request");
      } catch (InterruptedException e) {
        if (wokenByUs()) {
          return null;
        }
        Thread.currentThread().interrupt();
        throw new IllegalStateException("the taker's thread was interrupted while it waited for"
            + " the queue, so this QueueSource can take nothing more", e);
      } finally {
        leaveTake();
      }
    }

    private boolean enterTake() {
      synchronized (wakeLock) {
        if (ended || isDone()) {
          return false;
        }
        waiting = Thread.currentThread();
        return true;
      }
    }

    private boolean wokenByUs() {
      synchronized (wakeLock) {
        return woken;
      }
    }

    /** No interrupt of ours may outlive the task: the taker's thread goes on to other work. */
    private void leaveTake() {
      synchronized (wakeLock) {
        waiting = null;
        if (woken) {
          woken = false;
          Thread.interrupted();
        }
      }
    }

    private void refuseWhatWasTaken() {
      Request left = taken.getAndSet(null);
      if (left != null) {
        refuse(left, "its QueueSource ended before handing it over");
      }
    }
  }
}
