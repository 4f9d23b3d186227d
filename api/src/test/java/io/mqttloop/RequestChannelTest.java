package io.mqttloop;

import static io.mqttloop.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttloop.spi.LoopStage;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestChannelTest {
  private final List<Publish> requests = IteratorSourceTest.numbered(10);
  private final RecordingSubscriber subscriber = RecordingSubscriber.asking();

  @Test
  void theCapacityMustBeWithinOneToAMillion() {
    assertRefused("capacity must be within 1..1000000, was 0",
        () -> RequestChannel.withCapacity(0));
    assertRefused("capacity must be within 1..1000000, was 1000001",
        () -> RequestChannel.withCapacity(1_000_001));
    assertEquals(1_000_000, RequestChannel.withCapacity(1_000_000).capacity());
  }

  @Test
  void trySendQueuesWhileThereIsRoomAndReturnsFalseWhenFull() {
    RequestChannel channel = RequestChannel.withCapacity(2);
    channel.subscribe(subscriber);

    assertTrue(channel.trySend(requests.get(0)));
    assertTrue(channel.trySend(requests.get(1)));
    assertFalse(channel.trySend(requests.get(2)));
    assertEquals(2, channel.size());
    subscriber.request(1);
    assertTrue(channel.trySend(requests.get(2)));

    subscriber.request(5);
    subscriber.assertReceived(requests.subList(0, 3));
    assertEquals(0, channel.size());
  }

  @Test
  void aSendToAFullChannelWaitsForRoomThenFollowsTheRequest() throws Exception {
    RequestChannel channel = RequestChannel.withCapacity(1);
    channel.subscribe(subscriber);
    channel.send(requests.get(0));

    CompletionStage<Void> waiting = channel.send(requests.get(1));

    assertEquals(1, channel.size());
    subscriber.request(1);
    subscriber.assertReceived(requests.subList(0, 1));
    assertEquals(1, channel.size(), "the waiting request took the room");
    subscriber.request(1);
    subscriber.assertReceived(requests.subList(0, 2));
    assertFalse(waiting.toCompletableFuture().isDone(), "the broker has not acknowledged it");
    LoopStage.of(requests.get(1)).succeed(requests.get(1));
    assertNull(waiting.toCompletableFuture().get(1, TimeUnit.SECONDS));
  }

  @Test
  void theStageOfASendFailsAsTheRequestDoes() throws InterruptedException {
    RequestChannel channel = RequestChannel.withCapacity(1);
    CompletionStage<Void> sent = channel.send(requests.get(0));
    MqttException broken = new MqttException("broken");

    LoopStage.of(requests.get(0)).fail(broken);

    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> sent.toCompletableFuture().get(1, TimeUnit.SECONDS));
    assertSame(broken, failure.getCause());
  }

  @Test
  void sendsFromOneThreadArriveInTheOrderSentThoughTheyWaited() {
    RequestChannel channel = RequestChannel.withCapacity(1);
    channel.subscribe(subscriber);

    requests.forEach(channel::send);
    assertFalse(channel.trySend(requests.get(0)), "no request overtakes those waiting");
    subscriber.request(3);
    subscriber.request(100);

    subscriber.assertReceived(requests);
  }

  @Test
  void aSecondSubscriberIsRefused() throws InterruptedException {
    RequestChannel channel = RequestChannel.withCapacity(4);
    channel.subscribe(RecordingSubscriber.asking());

    channel.subscribe(subscriber);

    subscriber.awaitError(IllegalStateException.class);
  }
}
