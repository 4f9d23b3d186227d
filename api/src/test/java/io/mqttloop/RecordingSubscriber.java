package io.mqttloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records what a source signals, from any thread, and the Reactive Streams rules it breaks: more
 * than asked for, overlapping signals, a signal after the end, onSubscribe missing or twice.
 * With a batch size it asks for that many at subscription and again, from inside onNext, as each
 * batch arrives in full; without, the test asks through {@link #request(long)}.
 */
final class RecordingSubscriber implements Flow.Subscriber<Request> {
  static final long TIMEOUT_SECONDS = 10;

  private final int batch;
  private final List<Request> received = new ArrayList<>();
  private final List<String> broken = new ArrayList<>();
  private final AtomicLong outstanding = new AtomicLong();
  private final AtomicBoolean signalling = new AtomicBoolean();
  private final Semaphore arrivals = new Semaphore(0);
  private final CountDownLatch ended = new CountDownLatch(1);
  private volatile Flow.Subscription subscription;
  private volatile boolean completed;
  private volatile Throwable error;

  private RecordingSubscriber(int batch) {
    this.batch = batch;
  }

  /** A subscriber that asks for nothing by itself. */
  static RecordingSubscriber asking() {
    return new RecordingSubscriber(0);
  }

  /** A subscriber that asks for {@code batch} at a time, the next batch once one has arrived. */
  static RecordingSubscriber inBatchesOf(int batch) {
    return new RecordingSubscriber(batch);
  }

  void request(long n) {
    outstanding.addAndGet(n);
    subscription.request(n);
  }

  void cancel() {
    subscription.cancel();
  }

  @Override
  public void onSubscribe(Flow.Subscription given) {
    enter("onSubscribe");
    if (subscription != null) {
      breaks("onSubscribe came twice");
    }
    subscription = given;
    leave();
    if (batch > 0) {
      request(batch);
    }
  }

  @Override
  public void onNext(Request request) {
    enter("onNext");
    if (outstanding.getAndDecrement() <= 0) {
      breaks("onNext beyond the demand: " + request);
    }
    int count = record(request);
    leave();
    arrivals.release();
    if (batch > 0 && count % batch == 0) {
      request(batch);
    }
  }

  @Override
  public void onError(Throwable failure) {
    enter("onError");
    error = failure;
    leave();
    ended.countDown();
  }

  @Override
  public void onComplete() {
    enter("onComplete");
    completed = true;
    leave();
    ended.countDown();
  }

  /** Waits until {@code count} more requests have arrived than this method waited for before. */
  void awaitArrivals(int count) throws InterruptedException {
    if (!arrivals.tryAcquire(count, TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      fail("waited for " + count + " more requests; received " + received());
    }
  }

  void awaitCompletion() throws InterruptedException {
    awaitEnd();
    assertTrue(completed, () -> "completes, but failed with " + error);
  }

  /** Waits for onError and returns its error, checked to be a {@code type}. */
  <T extends Throwable> T awaitError(Class<T> type) throws InterruptedException {
    awaitEnd();
    assertNotNull(error, "fails");
    return assertInstanceOf(type, error);
  }

  boolean hasEnded() {
    return ended.getCount() == 0;
  }

  synchronized List<Request> received() {
    return List.copyOf(received);
  }

  /** The requests received from index {@code from}, inclusive, to {@code to}, exclusive. */
  synchronized List<Request> received(int from, int to) {
    return List.copyOf(received.subList(from, to));
  }

  /** Asserts every rule was kept and {@code expected} arrived, in order. */
  synchronized void assertReceived(List<? extends Request> expected) {
    assertEquals(List.of(), broken, "rules broken");
    assertEquals(expected, received);
  }

  private void awaitEnd() throws InterruptedException {
    assertTrue(ended.await(TIMEOUT_SECONDS, TimeUnit.SECONDS), "ends in time");
    synchronized (this) {
      assertEquals(List.of(), broken, "rules broken");
    }
  }

  private synchronized int record(Request request) {
    received.add(request);
    return received.size();
  }

  private void enter(String signal) {
    if (!signalling.compareAndSet(false, true)) {
      breaks(signal + " overlapped another signal");
    }
    if (hasEnded()) {
      breaks(signal + " after the end");
    }
    if (subscription == null && !signal.equals("onSubscribe")) {
      breaks(signal + " before onSubscribe");
    }
  }

  private void leave() {
    signalling.set(false);
  }

  private synchronized void breaks(String rule) {
    broken.add(rule);
  }
}
