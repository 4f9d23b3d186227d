package io.mqttloop;

import static io.mqttloop.Refusals.assertRefused;
import static io.mqttloop.RequestChannelEndTest.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** A channel whose waiting line has a limit: a send beyond it is refused, not lined up. */
class RequestChannelWaitingLimitTest {
  private final List<Publish> requests = IteratorSourceTest.numbered(6);
  private final RecordingSubscriber subscriber = RecordingSubscriber.asking();

  @Test
  void withoutALimitAnyNumberMayWait() {
    RequestChannel channel = RequestChannel.withCapacity(2);

    requests.forEach(channel::send);

    assertEquals(Integer.MAX_VALUE, channel.maxWaiting());
    assertEquals(2, channel.size());
    assertEquals(4, channel.waiting());
    assertEquals("RequestChannel[size=2, waiting=4, capacity=2, maxWaiting=unlimited, "
        + "closed=false]", channel.toString());
  }

  @Test
  void aSendFindingTheChannelFullAndTheLimitWaitingIsRefusedAndItsRequestLeftAlone() {
    RequestChannel channel = RequestChannel.withCapacity(2, 1);
    channel.subscribe(subscriber);
    List<CompletionStage<Void>> accepted = requests.subList(0, 3).stream()
        .map(channel::send)
        .toList();

    ChannelFullException refused = assertFull(channel.send(requests.get(3)));

    assertSame(requests.get(3), refused.request());
    assertTrue(refused.getMessage().contains("capacity 2"), refused.getMessage());
    assertTrue(refused.getMessage().contains("maxWaiting 1"), refused.getMessage());
    assertFalse(requests.get(3).completion().toCompletableFuture().isDone());
    accepted.forEach(sent -> assertFalse(sent.toCompletableFuture().isDone()));
    assertEquals("RequestChannel[size=2, waiting=1, capacity=2, maxWaiting=1, closed=false]",
        channel.toString());
  }

  @Test
  void theWaitingLimitMustBeWithinZeroToAMillion() {
    assertRefused("maxWaiting must be within 0..1000000, was -1",
        () -> RequestChannel.withCapacity(2, -1));
    assertRefused("maxWaiting must be within 0..1000000, was 1000001",
        () -> RequestChannel.withCapacity(2, 1_000_001));
    assertRefused("capacity must be within 1..1000000, was 0",
        () -> RequestChannel.withCapacity(0, 1));
    assertEquals(0, RequestChannel.withCapacity(2, 0).maxWaiting());
    assertEquals(1_000_000, RequestChannel.withCapacity(2, 1_000_000).maxWaiting());
  }

  @Test
  void onceTheSubscriberTakesOneASendIsAcceptedAgain() {
    RequestChannel channel = RequestChannel.withCapacity(2, 1);
    channel.subscribe(subscriber);
    requests.subList(0, 3).forEach(channel::send);
    assertFull(channel.send(requests.get(3)));

    subscriber.request(1);
    CompletionStage<Void> again = channel.send(requests.get(3));

    assertFalse(again.toCompletableFuture().isDone(), "waits for room");
    assertEquals(1, channel.waiting());
    assertFull(channel.send(requests.get(4)));
    subscriber.request(10);
    subscriber.assertReceived(requests.subList(0, 4));
  }

  @Test
  void withNoWaitingASendToAFullChannelIsRefused() {
    RequestChannel channel = RequestChannel.withCapacity(1, 0);
    channel.subscribe(subscriber);
    channel.send(requests.get(0));

    assertFull(channel.send(requests.get(1)));
    assertFalse(channel.trySend(requests.get(1)));

    subscriber.request(1);
    assertFalse(channel.send(requests.get(1)).toCompletableFuture().isDone());
    assertEquals(0, channel.waiting());
    subscriber.request(1);
    subscriber.assertReceived(requests.subList(0, 2));
  }

  @Test
  void aFullClosedChannelRefusesForBeingClosed() {
    RequestChannel channel = RequestChannel.withCapacity(1, 0);
    channel.send(requests.get(0));
    channel.close();

    Throwable refused = failureOf(channel.send(requests.get(1)));

    assertEquals(RequestRefusedException.class, refused.getClass());
    assertTrue(refused.getMessage().contains("closed"), refused.getMessage());
  }

  @Test
  void cancelRefusesWhatIsHeldAndLeavesNothingCounted() {
    RequestChannel channel = RequestChannel.withCapacity(1, 1);
    List<CompletionStage<Void>> sent = requests.subList(0, 2).stream()
        .map(channel::send)
        .toList();
    assertFull(channel.send(requests.get(2)));
    channel.subscribe(subscriber);

    subscriber.cancel();

    sent.forEach(stage -> assertInstanceOf(RequestRefusedException.class, failureOf(stage)));
    assertEquals(0, channel.size() + channel.waiting());
  }

  /** Asserts {@code sent} has failed already, for fullness, and returns its failure. */
  private static ChannelFullException assertFull(CompletionStage<Void> sent) {
    assertTrue(sent.toCompletableFuture().isDone(), "refused at once");
    return assertInstanceOf(ChannelFullException.class, failureOf(sent));
  }
}
