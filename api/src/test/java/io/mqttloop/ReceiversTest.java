package io.mqttloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class ReceiversTest {
  private final RecordingSubscription subscription = new RecordingSubscription();
  private final List<Message> handled = new ArrayList<>();
  private final List<Integer> requestsSeenByHandler = new ArrayList<>();

  @Test
  void itRequestsOneMessageOnSubscribe() {
    Flow.Subscriber<Message> subscriber = Receivers.handle(handled::add);

    subscriber.onSubscribe(subscription);

    assertEquals(List.of(1L), subscription.requests);
  }

  @Test
  void itRequestsOneMoreAfterEachHandledMessage() {
    Flow.Subscriber<Message> subscriber = Receivers.handle(handled::add);
    subscriber.onSubscribe(subscription);
    List<Message> messages = List.of(message("a"), message("b"), message("c"));

    messages.forEach(subscriber::onNext);

    assertEquals(messages, handled);
    assertEquals(List.of(1L, 1L, 1L, 1L), subscription.requests);
  }

  @Test
  void itAsksForTheNextMessageOnlyOnceTheHandlerHasReturned() {
    Flow.Subscriber<Message> subscriber = Receivers.handle(
        message -> requestsSeenByHandler.add(subscription.requests.size()));
    subscriber.onSubscribe(subscription);

    subscriber.onNext(message("a"));
    subscriber.onNext(message("b"));

    assertEquals(List.of(1, 2), requestsSeenByHandler);
  }

  @Test
  void whenTheHandlerThrowsItStillRequestsOneMoreAndReportsTheExceptionAsUncaught() {
    IllegalStateException failure = new IllegalStateException("handler failed");
    Flow.Subscriber<Message> subscriber = Receivers.handle(message -> {
      throw failure;
    });
    subscriber.onSubscribe(subscription);

    List<Throwable> uncaught = recordingUncaught(() -> subscriber.onNext(message("a")));

    assertEquals(List.of(failure), uncaught);
    assertEquals(List.of(1L, 1L), subscription.requests);
  }

  @Test
  void deliveryGoesOnAfterAHandlerThrew() {
    Flow.Subscriber<Message> subscriber = Receivers.handle(message -> {
      handled.add(message);
      if (message.topic().equals("bad")) {
        throw new IllegalStateException("handler failed");
      }
    });
    subscriber.onSubscribe(subscription);
    Message bad = message("bad");
    Message good = message("good");

    recordingUncaught(() -> subscriber.onNext(bad));
    subscriber.onNext(good);

    assertEquals(List.of(bad, good), handled);
    assertEquals(List.of(1L, 1L, 1L), subscription.requests);
  }

  @Test
  void errorAndCompletionNeitherRequestNorCancel() {
    Flow.Subscriber<Message> subscriber = Receivers.handle(handled::add);
    subscriber.onSubscribe(subscription);

    recordingUncaught(() -> subscriber.onError(new IllegalStateException("refused")));
    subscriber.onComplete();

    assertEquals(List.of(1L), subscription.requests);
    assertFalse(subscription.cancelled);
    assertEquals(List.of(), handled);
  }

  @Test
  void aNullHandlerIsRefused() {
    NullPointerException refused = assertThrows(NullPointerException.class,
        () -> Receivers.handle(null));

    assertEquals("handler", refused.getMessage());
  }

  private static Message message(String topic) {
    return new Message(topic, new byte[0], QoS.AT_LEAST_ONCE, false, false, message -> { });
  }

  private static final class RecordingSubscription implements Flow.Subscription {
    private final List<Long> requests = new ArrayList<>();
    private boolean cancelled;

    @Override
    public void request(long n) {
      requests.add(n);
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }

  /** Runs {@code action} with the current thread's uncaught exceptions recorded. */
  private static List<Throwable> recordingUncaught(Runnable action) {
    Thread current = Thread.currentThread();
    Thread.UncaughtExceptionHandler previous = current.getUncaughtExceptionHandler();
    List<Throwable> uncaught = new ArrayList<>();
    current.setUncaughtExceptionHandler((thread, error) -> uncaught.add(error));
    try {
      action.run();
    } finally {
      current.setUncaughtExceptionHandler(previous);
    }
    return uncaught;
  }
}
