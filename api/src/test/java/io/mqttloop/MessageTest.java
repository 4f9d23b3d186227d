package io.mqttloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttloop.spi.Acknowledger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MessageTest {
  private static final int THREADS = 8;
  private static final int ROUNDS = 100;

  private final List<Message> acknowledged = new CopyOnWriteArrayList<>();

  @Test
  void acknowledgeReachesTheAcknowledgerOnceWithTheMessage() {
    Message message = message(QoS.AT_LEAST_ONCE, acknowledged::add);

    message.acknowledge();
    message.acknowledge();
    message.acknowledge();

    assertEquals(List.of(message), acknowledged);
  }

  @Test
  void nothingReachesTheAcknowledgerUntilTheApplicationAcknowledges() {
    message(QoS.EXACTLY_ONCE, acknowledged::add);

    assertEquals(List.of(), acknowledged);
  }

  @Test
  void acknowledgeFromEightThreadsAtOnceReachesTheAcknowledgerExactlyOnce() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        assertEquals(1, acknowledgementsFromConcurrentCalls(threads), "round " + round);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void toStringNeverShowsThePayload() {
    Message message = new Message("home/door", "secret-payload".getBytes(StandardCharsets.UTF_8),
        QoS.AT_LEAST_ONCE, false, false, acknowledged::add);

    assertFalse(message.toString().contains("secret"), message.toString());
    assertTrue(message.toString().contains("14 bytes"), message.toString());
    assertTrue(message.toString().contains("home/door"), message.toString());
  }

  @Test
  void thePayloadCannotBeChangedThroughTheMessage() {
    Message message = message(QoS.AT_MOST_ONCE, acknowledged::add);

    message.payloadBytes()[0] = 'X';

    assertTrue(message.payload().isReadOnly());
    assertEquals('p', message.payloadBytes()[0]);
  }

  private static int acknowledgementsFromConcurrentCalls(ExecutorService threads)
      throws Exception {
    CyclicBarrier start = new CyclicBarrier(THREADS);
    CountDownLatch othersReturned = new CountDownLatch(THREADS - 1);
    List<Message> calls = new CopyOnWriteArrayList<>();
    Message message = message(QoS.AT_LEAST_ONCE, acknowledgedMessage -> {
      calls.add(acknowledgedMessage);
      awaitQuietly(othersReturned);
    });

    List<Future<?>> acknowledging = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      acknowledging.add(threads.submit(() -> {
        start.await(10, TimeUnit.SECONDS);
        message.acknowledge();
        othersReturned.countDown();
        return null;
      }));
    }
    for (Future<?> call : acknowledging) {
      call.get(10, TimeUnit.SECONDS);
    }

    assertTrue(calls.stream().allMatch(call -> call == message));
    return calls.size();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(20, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Message message(QoS qos, Acknowledger acknowledger) {
    return new Message("a/b", "payload".getBytes(StandardCharsets.UTF_8), qos, false, false,
        acknowledger);
  }
}
