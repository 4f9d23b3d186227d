package io.mqttloop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mqttloop.spi.LoopStage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestChannelConcurrencyTest {
  private static final int PRODUCERS = 8;
  private static final int SENDS_EACH = 10_000;
  private static final int BATCH = 16;

  private final RequestChannel channel = RequestChannel.withCapacity(64);
  private final RecordingSubscriber subscriber = RecordingSubscriber.asking();

  @Test
  void manyProducersReachOneSubscriberEachRequestOnceInTheOrderItsProducerSent()
      throws Exception {
    channel.subscribe(subscriber);
    ExecutorService producers = Executors.newFixedThreadPool(PRODUCERS);
    try {
      List<Future<List<CompletionStage<Void>>>> sending = new ArrayList<>();
      for (int producer = 0; producer < PRODUCERS; producer++) {
        int id = producer;
        sending.add(producers.submit(() -> sendAll(id)));
      }

      takeAndAcknowledge(PRODUCERS * SENDS_EACH);
      channel.close();

      subscriber.awaitCompletion();
      assertEachProducersOrderKept(subscriber.received());
      for (Future<List<CompletionStage<Void>>> sent : sending) {
        awaitAll(sent.get(RecordingSubscriber.TIMEOUT_SECONDS, TimeUnit.SECONDS));
      }
    } finally {
      producers.shutdownNow();
    }
  }

  private List<CompletionStage<Void>> sendAll(int producer) {
    List<CompletionStage<Void>> sent = new ArrayList<>(SENDS_EACH);
    for (int i = 0; i < SENDS_EACH; i++) {
      sent.add(channel.send(Publish.of(producer + "/" + i, new byte[0], QoS.AT_LEAST_ONCE)));
    }
    return sent;
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
}
