package io.mqttloop.tck;

import io.mqttloop.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Flow;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;

/**
 * A subscriber to a loop's messages that records what it receives and takes only as many as the
 * test asks for, so that tests can hold the loop back or let it run.
 */
public final class RecordingSubscriber implements Flow.Subscriber<Message> {
  private final long initialDemand;
  private final List<Message> received = new ArrayList<>();
  private Flow.@Nullable Subscription subscription;
  private boolean completed;
  private @Nullable Throwable error;

  private RecordingSubscriber(long initialDemand) {
    this.initialDemand = initialDemand;
  }

  /** A recorder that takes every message as it comes. */
  public static RecordingSubscriber takingAll() {
    return new RecordingSubscriber(Long.MAX_VALUE);
  }

  /** A recorder that takes none until {@link #take(long)} asks. */
  public static RecordingSubscriber takingNone() {
    return new RecordingSubscriber(0);
  }

  @Override
  public synchronized void onSubscribe(Flow.Subscription newSubscription) {
    subscription = newSubscription;
    if (initialDemand > 0) {
      newSubscription.request(initialDemand);
    }
  }

  @Override
  public synchronized void onNext(Message message) {
    received.add(message);
    notifyAll();
  }

  @Override
  public synchronized void onError(Throwable failure) {
    error = failure;
    notifyAll();
  }

  @Override
  public synchronized void onComplete() {
    completed = true;
    notifyAll();
  }

  /** Asks the loop for {@code count} more messages. */
  public void take(long count) {
    Flow.@Nullable Subscription current;
    synchronized (this) {
      current = subscription;
    }
    if (current == null) {
      throw new IllegalStateException("not subscribed yet");
    }
    current.request(count);
  }

  /** What arrived so far, in order; a snapshot. */
  public synchronized List<Message> received() {
    return List.copyOf(received);
  }

  /** The error the loop signalled, or null. */
  public synchronized @Nullable Throwable error() {
    return error;
  }

  /** Whether the loop signalled completion. */
  public synchronized boolean completed() {
    return completed;
  }

  /**
   * Waits until at least {@code count} messages arrived, and returns them all.
   *
   * @throws org.awaitility.core.ConditionTimeoutException when fewer arrive within the timeout
   */
  public List<Message> awaitCount(int count, Duration timeout) {
    Awaitility.await("at least " + count + " messages").atMost(timeout).pollInSameThread()
        .until(() -> received().size() >= count);
    return received();
  }

  /**
   * Waits until the numbered publishes 0 to {@code count - 1} have all arrived, each at least
   * once (see {@link NumberedPublishes}).
   *
   * @throws org.awaitility.core.ConditionTimeoutException when some are missing at the timeout
   */
  public void awaitEveryNumberBelow(int count, Duration timeout) {
    Awaitility.await("every number below " + count).atMost(timeout).pollInSameThread()
        .until(() -> numbersReceived().size() == count);
  }

  /** The numbers of the numbered publishes that arrived so far, each once. */
  public Set<Integer> numbersReceived() {
    Set<Integer> numbers = new HashSet<>();
    received().forEach(m -> numbers.add(NumberedPublishes.numberOf(m.payloadBytes())));
    return numbers;
  }
}
