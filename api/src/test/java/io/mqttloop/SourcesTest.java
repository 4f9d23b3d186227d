package io.mqttloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class SourcesTest {
  private final List<Request> requests = List.of(publish("a"), publish("b"), publish("c"));

  @Test
  void itEmitsOnlyWhatIsRequested() {
    RecordingSubscriber subscriber = new RecordingSubscriber(0);
    Sources.from(requests).subscribe(subscriber);

    subscriber.subscription.request(2);

    assertEquals(requests.subList(0, 2), subscriber.received);
    assertTrue(!subscriber.completed);
  }

  @Test
  void itCompletesAfterTheLastElementOnceAsked() {
    RecordingSubscriber subscriber = new RecordingSubscriber(0);
    Sources.from(requests).subscribe(subscriber);

    subscriber.subscription.request(3);
    assertTrue(!subscriber.completed, "completion needs demand for the end to be seen");
    subscriber.subscription.request(1);

    assertEquals(requests, subscriber.received);
    assertTrue(subscriber.completed);
  }

  @Test
  void aRequestFromInsideOnNextAddsDemandWithoutRecursing() {
    RecordingSubscriber subscriber = new RecordingSubscriber(1);
    List<Request> many = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      many.add(publish("t"));
    }
    Sources.from(many).subscribe(subscriber);

    subscriber.subscription.request(1);

    assertEquals(100_000, subscriber.received.size());
    assertTrue(subscriber.completed);
  }

  @Test
  void aNonPositiveRequestSignalsAnError() {
    RecordingSubscriber subscriber = new RecordingSubscriber(0);
    Sources.from(requests).subscribe(subscriber);

    subscriber.subscription.request(0);

    assertInstanceOf(IllegalArgumentException.class, subscriber.error);
  }

  @Test
  void anIteratorThatThrowsEndsTheSourceWithItsError() {
    IllegalStateException broken = new IllegalStateException("broken");
    Iterable<Request> failing = () -> new Iterator<>() {
      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Request next() {
        throw broken;
      }
    };
    RecordingSubscriber subscriber = new RecordingSubscriber(0);
    Sources.from(failing).subscribe(subscriber);

    subscriber.subscription.request(5);

    assertEquals(broken, subscriber.error);
  }

  @Test
  void aNullElementEndsTheSourceWithAnError() {
    RecordingSubscriber subscriber = new RecordingSubscriber(0);
    Sources.from(Arrays.asList(publish("a"), null)).subscribe(subscriber);

    subscriber.subscription.request(5);

    assertEquals(1, subscriber.received.size());
    assertInstanceOf(NullPointerException.class, subscriber.error);
  }

  @Test
  void cancelStopsTheSource() {
    RecordingSubscriber subscriber = new RecordingSubscriber(0);
    Sources.from(requests).subscribe(subscriber);

    subscriber.subscription.cancel();
    subscriber.subscription.request(5);

    assertTrue(subscriber.received.isEmpty());
    assertNull(subscriber.error);
  }

  private static Publish publish(String topic) {
    return Publish.of(topic, new byte[0], QoS.AT_LEAST_ONCE);
  }

  /** Records what it is given; asks for {@code moreOnNext} more from inside each onNext. */
  private static final class RecordingSubscriber implements Flow.Subscriber<Request> {
    private final int moreOnNext;
    private final List<Request> received = new ArrayList<>();
    private Flow.Subscription subscription;
    private boolean completed;
    private Throwable error;

    RecordingSubscriber(int moreOnNext) {
      this.moreOnNext = moreOnNext;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
    }

    @Override
    public void onNext(Request request) {
      received.add(request);
      if (moreOnNext > 0) {
        subscription.request(moreOnNext);
      }
    }

    @Override
    public void onError(Throwable throwable) {
      error = throwable;
    }

    @Override
    public void onComplete() {
      completed = true;
    }
  }
}
