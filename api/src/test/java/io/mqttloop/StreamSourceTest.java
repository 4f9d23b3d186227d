package io.mqttloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class StreamSourceTest {
  private final List<Publish> requests = IteratorSourceTest.numbered(7);
  private final AtomicInteger closes = new AtomicInteger();

  @Test
  void itHandsOverInOrderThenClosesTheStreamAndCompletes() throws InterruptedException {
    RecordingSubscriber subscriber = RecordingSubscriber.inBatchesOf(2);

    Sources.from(watched(requests.stream())).subscribe(subscriber);

    subscriber.awaitCompletion();
    subscriber.assertReceived(requests);
    assertEquals(1, closes.get());
  }

  @Test
  void itClosesTheStreamWhenCancelled() {
    RecordingSubscriber subscriber = RecordingSubscriber.asking();
    Sources.from(watched(requests.stream())).subscribe(subscriber);
    subscriber.request(3);
    assertEquals(0, closes.get(), "open while it is read");

    subscriber.cancel();

    subscriber.assertReceived(requests.subList(0, 3));
    assertEquals(1, closes.get());
  }

  @Test
  void itClosesTheStreamWhenItFails() throws InterruptedException {
    IllegalStateException broken = new IllegalStateException("broken");
    Stream<Request> failing = requests.stream().map(request -> {
      if (request == requests.get(2)) {
        throw broken;
      }
      return request;
    });
    RecordingSubscriber subscriber = RecordingSubscriber.inBatchesOf(5);

    Sources.from(watched(failing)).subscribe(subscriber);

    assertEquals(broken, subscriber.awaitError(IllegalStateException.class));
    subscriber.assertReceived(requests.subList(0, 2));
    assertEquals(1, closes.get());
  }

  @Test
  void aSecondSubscriberIsToldTheSourceIsSingleUse() throws InterruptedException {
    Flow.Publisher<Request> source = Sources.from(watched(requests.stream()));
    source.subscribe(RecordingSubscriber.asking());
    RecordingSubscriber second = RecordingSubscriber.asking();

    source.subscribe(second);

    String message = second.awaitError(IllegalStateException.class).getMessage();
    assertTrue(message.contains("stream source can be subscribed once"), message);
    assertEquals(0, closes.get(), "the first subscriber still reads it");
  }

  private <T extends Request> Stream<T> watched(Stream<T> stream) {
    return stream.onClose(closes::incrementAndGet);
  }
}
