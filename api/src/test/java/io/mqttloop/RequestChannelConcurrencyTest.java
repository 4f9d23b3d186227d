package io.mqttloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttloop.spi.LoopStage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestChannelConcurrencyTest {
  private static final int PRODUCERS = 8;
  private static final int SENDS_EACH = 10_000;
  private static final int BATCH = 16;
  private static final int ACCEPTED_EACH = 2_000;
  private static final int LIMITED_CAPACITY = 4;
  private static final int MAX_WAITING = 4;

  private final RequestChannel channel = RequestChannel.withCapacity(64);
  private final RequestChannel limited =
      RequestChannel.withCapacity(LIMITED_CAPACITY, MAX_WAITING);
  private final CountDownLatch refusedOnce = new CountDownLatch(1);
  private final RecordingSubscriber subscriber = RecordingSubscriber.asking();
  private final ExecutorService producers = Executors.newFixedThreadPool(PRODUCERS);

  @AfterEach
  void stopProducers() {
    producers.shutdownNow();
  }

  @Test
  void manyProducersReachOneSubscriberEachRequestOnceInTheOrderItsProducerSent()
      throws Exception {
    channel.subscribe(subscriber);
    List<Future<List<CompletionStage<Void>>>> sending = eachProducer(this::sendAll);

    takeAndAcknowledge(PRODUCERS * SENDS_EACH);
    channel.close();

    subscriber.awaitCompletion();
    assertEachProducersOrderKept(subscriber.received());
    for (Future<List<CompletionStage<Void>>> sent : sending) {
      awaitAll(sent.get(RecordingSubscriber.TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }
  }

  @Test
  void withAWaitingLimitEachSendIsDeliveredOnceOrRefusedForFullnessAndNoneIsLost()
      throws Exception {
    limited.subscribe(subscriber);
    List<Future<Attempts>> sending = eachProducer(this::sendUntilAccepted);

    assertTrue(refusedOnce.await(RecordingSubscriber.TIMEOUT_SECONDS, TimeUnit.SECONDS),
        "a send is refused while the subscriber takes nothing");
    takeAndAcknowledge(PRODUCERS * ACCEPTED_EACH);
    limited.close();

    subscriber.awaitCompletion();
    for (int producer = 0; producer < PRODUCERS; producer++) {
      assertOnlyTheAcceptedDelivered(producer,
          sending.get(producer).get(RecordingSubscriber.TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }
  }

  /** Sets each producer going, with its number, from 0. */
  private <T> List<Future<T>> eachProducer(IntFunction<T> sending) {
    List<Future<T>> running = new ArrayList<>();
    for (int producer = 0; producer < PRODUCERS; producer++) {
      int id = producer;
      running.add(producers.submit(() -> sending.apply(id)));
    }
    return running;
  }

  private List<CompletionStage<Void>> sendAll(int producer) {
    List<CompletionStage<Void>> sent = new ArrayList<>(SENDS_EACH);
    for (int i = 0; i < SENDS_EACH; i++) {
      sent.add(channel.send(Publish.of(producer + "/" + i, new byte[0], QoS.AT_LEAST_ONCE)));
    }
    return sent;
  }

  /**
   * Sends until {@code ACCEPTED_EACH} requests were accepted, checking that each refused one was
   * refused at once for fullness and left alone; yields after a refusal to let the taker run.
   */
  private Attempts sendUntilAccepted(int producer) {
    Attempts attempts = new Attempts();
    while (attempts.accepted.size() < ACCEPTED_EACH) {
      Publish publish = Publish.of(producer + "/" + attempts.sent++, new byte[0],
          QoS.AT_LEAST_ONCE);
      CompletableFuture<Void> sent = limited.send(publish).toCompletableFuture();
      attempts.mostHeld = Math.max(attempts.mostHeld, limited.size() + limited.waiting());
      if (sent.isCompletedExceptionally()) {
        assertInstanceOf(ChannelFullException.class, sent.handle((none, why) -> why).join());
        assertFalse(publish.completion().toCompletableFuture().isDone(), "left alone");
        attempts.refused++;
        refusedOnce.countDown();
        Thread.yield();
      } else {
        attempts.accepted.add(publish);
        attempts.stages.add(sent);
      }
    }
    return attempts;
  }

  /**
   * Asserts the requests {@code producer} had accepted, and only those, were delivered, each once
   * and in order, and acknowledged; and that the channel never held more than its limits.
   */
  private void assertOnlyTheAcceptedDelivered(int producer, Attempts attempts) throws Exception {
    assertEquals(attempts.accepted, sentBy(producer, subscriber.received()));
    assertEquals(attempts.sent, attempts.accepted.size() + attempts.refused);
    assertTrue(attempts.mostHeld <= LIMITED_CAPACITY + MAX_WAITING,
        () -> "held " + attempts.mostHeld + " at once");
    awaitAll(attempts.stages);
  }

  /** The requests of {@code producer} among those {@code received}, in the order received. */
  private static List<Request> sentBy(int producer, List<Request> received) {
    return received.stream()
        .filter(request -> ((Publish) request).topic().startsWith(producer + "/"))
        .toList();
  }

  /** Asks for a batch at a time, from this one thread, and acknowledges each request taken. */
  private void takeAndAcknowledge(int total) throws InterruptedException {
    for (int taken = 0; taken < total; taken += BATCH) {
      subscriber.request(BATCH);
      subscriber.awaitArrivals(BATCH);
      for (Request request : subscriber.received(taken, taken + BATCH)) {
        Publish publish = (Publish) request;
        LoopStage.of(publish).succeed(publish);
      }
    }
  }

  private static void assertEachProducersOrderKept(List<Request> received) {
    assertEquals(PRODUCERS * SENDS_EACH, received.size());
    int[] next = new int[PRODUCERS];
    for (Request request : received) {
      String[] producerAndIndex = ((Publish) request).topic().split("/");
      int producer = Integer.parseInt(producerAndIndex[0]);
      assertEquals(next[producer], Integer.parseInt(producerAndIndex[1]), "producer " + producer);
      next[producer]++;
    }
  }

  private static void awaitAll(List<CompletionStage<Void>> stages) throws Exception {
    CompletableFuture.allOf(stages.stream()
        .map(CompletionStage::toCompletableFuture)
        .toArray(CompletableFuture[]::new))
        .get(RecordingSubscriber.TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /**
   * What one producer sent: how many, those accepted with their stages, how many refused, and the
   * most requests it saw the channel hold.
   */
  private static final class Attempts {
    final List<Publish> accepted = new ArrayList<>();
    final List<CompletionStage<Void>> stages = new ArrayList<>();
    int sent;
    int refused;
    int mostHeld;
  }
}
