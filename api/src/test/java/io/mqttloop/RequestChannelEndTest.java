package io.mqttloop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How a channel ends: closed by its senders, or left by its subscriber. */
class RequestChannelEndTest {
  private final List<Publish> requests = IteratorSourceTest.numbered(5);
  private final RequestChannel channel = RequestChannel.withCapacity(2);
  private final RecordingSubscriber subscriber = RecordingSubscriber.asking();

  @Test
  void closeStillHandsOverWhatWasQueuedOrWaitingThenCompletes() throws InterruptedException {
    requests.forEach(channel::send);
    channel.subscribe(subscriber);

    channel.close();
    subscriber.request(2);
    assertFalse(subscriber.hasEnded(), "three are still to come");
    subscriber.request(3);

    subscriber.awaitCompletion();
    subscriber.assertReceived(requests);
  }

  @Test
  void aClosedEmptyChannelCompletesWithoutBeingAsked() throws InterruptedException {
    channel.subscribe(subscriber);

    channel.close();

    subscriber.awaitCompletion();
  }

  @Test
  void afterCloseSendsAreRefusedAndTheRequestIsLeftAlone() {
    channel.close();
    Publish late = requests.get(0);

    Throwable refused = failureOf(channel.send(late));

    assertSame(late, assertInstanceOf(RequestRefusedException.class, refused).request());
    assertTrue(refused.getMessage().contains("closed"), refused.getMessage());
    assertFalse(late.completion().toCompletableFuture().isDone());
    assertThrows(RequestRefusedException.class, () -> channel.trySend(late));
  }

  @Test
  void cancelFailsEveryRequestQueuedOrWaiting() {
    List<CompletionStage<Void>> sent = requests.stream().map(channel::send).toList();
    channel.subscribe(subscriber);
    subscriber.request(1);

    subscriber.cancel();

    for (int i = 1; i < requests.size(); i++) {
      assertInstanceOf(RequestRefusedException.class, failureOf(sent.get(i)));
      assertInstanceOf(RequestRefusedException.class, failureOf(requests.get(i).completion()));
    }
    assertFalse(sent.get(0).toCompletableFuture().isDone(), "the first was handed over");
    assertInstanceOf(RequestRefusedException.class, failureOf(channel.send(requests.get(0))));
  }

  @Test
  void aNonPositiveRequestFailsTheSubscriberAndRefusesWhatIsHeld() throws InterruptedException {
    CompletionStage<Void> sent = channel.send(requests.get(0));
    channel.subscribe(subscriber);

    subscriber.request(0);

    subscriber.awaitError(IllegalArgumentException.class);
    assertInstanceOf(RequestRefusedException.class, failureOf(sent));
  }

  /** The failure {@code stage} completes with within a second. */
  static Throwable failureOf(CompletionStage<?> stage) {
    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> stage.toCompletableFuture().get(1, TimeUnit.SECONDS));
    return failure.getCause();
  }
}
