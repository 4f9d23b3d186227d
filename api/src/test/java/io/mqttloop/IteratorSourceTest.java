package io.mqttloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IteratorSourceTest {
  private final List<Publish> requests = numbered(10);

  @Test
  void itHandsOverInOrderInBatchesThenCompletes() throws InterruptedException {
    RecordingSubscriber subscriber = RecordingSubscriber.inBatchesOf(3);

    Sources.from(requests.iterator()).subscribe(subscriber);

    subscriber.awaitCompletion();
    subscriber.assertReceived(requests);
  }

  @Test
  void itTakesNoMoreFromTheIteratorThanAskedFor() {
    CountingIterator counting = new CountingIterator(requests.iterator());
    RecordingSubscriber subscriber = RecordingSubscriber.asking();
    Sources.from(counting).subscribe(subscriber);

    subscriber.request(4);

    subscriber.assertReceived(requests.subList(0, 4));
    assertEquals(4, counting.taken.get());
  }

  @Test
  void aSecondSubscriberIsToldTheSourceIsSingleUse() throws InterruptedException {
    Flow.Publisher<Request> source = Sources.from(requests.iterator());
    source.subscribe(RecordingSubscriber.asking());
    RecordingSubscriber second = RecordingSubscriber.asking();

    source.subscribe(second);

    String message = second.awaitError(IllegalStateException.class).getMessage();
    assertTrue(message.contains("iterator source can be subscribed once"), message);
  }

  @Test
  void aNonPositiveRequestFailsTheSourceAndEndsIt() throws InterruptedException {
    RecordingSubscriber subscriber = RecordingSubscriber.asking();
    Sources.from(requests.iterator()).subscribe(subscriber);

    subscriber.request(-1);
    subscriber.awaitError(IllegalArgumentException.class);
    subscriber.request(5);

    subscriber.assertReceived(List.of());
  }

  @Test
  void cancelStopsTakingFromTheIterator() {
    CountingIterator counting = new CountingIterator(requests.iterator());
    RecordingSubscriber subscriber = RecordingSubscriber.asking();
    Sources.from(counting).subscribe(subscriber);
    subscriber.request(2);

    subscriber.cancel();
    subscriber.request(5);

    subscriber.assertReceived(requests.subList(0, 2));
    assertEquals(2, counting.taken.get());
    assertFalse(subscriber.hasEnded(), "a cancelled source signals nothing more");
  }

  static List<Publish> numbered(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> Publish.of("t/" + i, new byte[0], QoS.AT_LEAST_ONCE))
        .toList();
  }

  /** Counts the elements taken from it. */
  private static final class CountingIterator implements Iterator<Request> {
    private final Iterator<? extends Request> delegate;
    private final AtomicInteger taken = new AtomicInteger();

    CountingIterator(Iterator<? extends Request> delegate) {
      this.delegate = delegate;
    }

    @Override
    public boolean hasNext() {
      return delegate.hasNext();
    }

    @Override
    public Request next() {
      taken.incrementAndGet();
      return delegate.next();
    }
  }
}
