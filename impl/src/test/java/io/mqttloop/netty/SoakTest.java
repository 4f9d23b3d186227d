package io.mqttloop.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttloop.Command;
import io.mqttloop.Message;
import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import io.mqttloop.MqttState;
import io.mqttloop.Outcome;
import io.mqttloop.Publish;
import io.mqttloop.QoS;
import io.mqttloop.ReconnectPolicy;
import io.mqttloop.Sources;
import io.mqttloop.Subscribe;
import io.mqttloop.tck.broker.Brokers;
import io.mqttloop.tck.broker.MosquittoBroker;
import io.mqttloop.tck.broker.MosquittoConfig;
import io.mqttloop.tck.proxy.FaultProxy;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The end-to-end soak: 20,000 QoS 1 and 2,000 QoS 2 publishes to a mosquitto with persistence,
 * through a proxy that cuts every connection ten times, with one broker restart, to a persistent
 * subscriber behind the same proxy. Every publish succeeds, every QoS 1 message arrives at least
 * once and every QoS 2 message exactly once; afterwards no packet id is held, no thread was
 * added and the heap is back to its baseline.
 */
class SoakTest {
  private static final int QOS1_COUNT = 20_000;
  private static final int QOS2_COUNT = 2_000;
  private static final int CUTS = 10;
  private static final int PAYLOAD_BYTES = 1_024;
  private static final Duration WAIT = Duration.ofMinutes(3);
  /** What the heap may have grown by and still be at its baseline: far less than the payloads. */
  private static final long HEAP_SLACK = 8L * 1024 * 1024;

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

  @Test
  void nothingIsLostAcrossCutsAndARestart() throws Exception {
    try (MosquittoBroker broker = Brokers.mosquittoWith(
            MosquittoConfig.defaults().withPersistence());
        FaultProxy proxy = FaultProxy.start(broker.host(), broker.port())) {
      Set<Thread> threadsBefore = liveThreads();
      long heapBefore = settledHeapUsed();

      soak(broker, proxy);

      // A pool's last worker is still ending when awaitTermination returns: give it a moment.
      Awaitility.await("no thread added by the soak").atMost(Duration.ofSeconds(10))
          .pollInSameThread().until(() -> newThreads(threadsBefore).isEmpty());
      long heapAfter = settledHeapUsed();
      System.out.printf("soak: heap %d -> %d bytes, %d connections%n", heapBefore, heapAfter,
          proxy.connectionCount());
      assertTrue(heapAfter - heapBefore < HEAP_SLACK, "heap grew from " + heapBefore + " to "
          + heapAfter + " bytes, more than " + HEAP_SLACK);
    }
  }

  private void soak(MosquittoBroker broker, FaultProxy proxy) throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(2);
    try {
      Inbox inbox = new Inbox();
      MqttEventLoop subscriber = NettyMqtt.factory().create(options(proxy, "sub"), executor);
      subscriber.messages().subscribe(inbox);
      get(subscriber.connect());
      get(subscriber.run(Sources.from(List.of(Subscribe.to(topic(QoS.AT_LEAST_ONCE),
          QoS.AT_LEAST_ONCE), Subscribe.to(topic(QoS.EXACTLY_ONCE), QoS.EXACTLY_ONCE)))));
      MqttEventLoop publisher = NettyMqtt.factory().create(options(proxy, "pub"), executor);
      get(publisher.connect());

      List<Publish> publishes = interleavedPublishes();
      CompletionStage<Outcome> run = publisher.run(Sources.from(publishes));
      cutAndRestartWhileRunning(publishes, proxy, broker);
      get(run);

      inbox.awaitAll();
      assertEachSucceeded(publishes);
      assertTrue(proxy.connectionCount() >= 2 * (CUTS + 2),
          "both loops came back after every cut and the restart: " + proxy);
      assertEmpty(get(publisher.execute(Command.disconnect())).state(), "the publisher's");
      assertEmpty(get(subscriber.execute(Command.disconnect())).state(), "the subscriber's");
      inbox.assertQos2ExactlyOnce();
    } finally {
      executor.shutdown();
      assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS), "the loops gave back threads");
    }
  }

  /** Ten cuts spread over the run, and the broker restarted halfway between the fifth and sixth. */
  private static void cutAndRestartWhileRunning(
      List<Publish> publishes, FaultProxy proxy, MosquittoBroker broker) throws Exception {
    int step = publishes.size() / (CUTS + 1);
    for (int cut = 1; cut <= CUTS; cut++) {
      getOrFailure(publishes.get(cut * step).completion());
      proxy.cut();
      if (cut == CUTS / 2) {
        getOrFailure(publishes.get(cut * step + step / 2).completion());
        broker.restart();
      }
    }
  }

  private static MqttOptions options(FaultProxy proxy, String role) {
    return MqttOptions.builder().broker(proxy.host(), proxy.port())
        .clientId("soak-" + role + "-" + ProcessHandle.current().pid())
        .cleanSession(false).keepAliveSeconds(5)
        .reconnect(ReconnectPolicy.afterFirstConnect()
            .withDelays(Duration.ofMillis(20), Duration.ofMillis(500)))
        .build();
  }

  /** Ten QoS 1 publishes, then one QoS 2, and again; each numbered within its QoS. */
  private static List<Publish> interleavedPublishes() {
    List<Publish> publishes = new ArrayList<>(QOS1_COUNT + QOS2_COUNT);
    int qos2 = 0;
    for (int qos1 = 0; qos1 < QOS1_COUNT; qos1++) {
      publishes.add(numbered(qos1, QoS.AT_LEAST_ONCE));
      if (qos1 % 10 == 9 && qos2 < QOS2_COUNT) {
        publishes.add(numbered(qos2++, QoS.EXACTLY_ONCE));
      }
    }
    return publishes;
  }

  private static Publish numbered(int number, QoS qos) {
    byte[] payload = ByteBuffer.allocate(PAYLOAD_BYTES).putInt(number).array();
    return Publish.of(topic(qos), payload, qos);
  }

  private static String topic(QoS qos) {
    return "soak/" + ProcessHandle.current().pid() + "/qos" + qos.value();
  }

  private static void assertEachSucceeded(List<Publish> publishes) throws Exception {
    for (Publish publish : publishes) {
      get(publish.completion());
    }
  }

  private static void assertEmpty(MqttState state, String whose) {
    assertTrue(state.isEmpty() && state.awaitingRelease().isEmpty(),
        whose + " state holds packet ids: " + state.inFlight() + " " + state.awaitingRelease());
  }

  private static <T> T get(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Waits for a stage to complete, failed or not: a failure shows later, and clearly. */
  private static void getOrFailure(CompletionStage<?> stage) throws Exception {
    get(stage.handle((value, failure) -> value));
  }

  private long settledHeapUsed() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  private static Set<Thread> liveThreads() {
    return new HashSet<>(Thread.getAllStackTraces().keySet());
  }

  private static Set<Thread> newThreads(Set<Thread> before) {
    Set<Thread> now = liveThreads();
    now.removeAll(before);
    now.removeIf(thread -> !thread.isAlive());
    return now;
  }

  /** Counts each numbered message per QoS, keeping no message. */
  private static final class Inbox implements Flow.Subscriber<Message> {
    private final AtomicIntegerArray qos1 = new AtomicIntegerArray(QOS1_COUNT);
    private final AtomicIntegerArray qos2 = new AtomicIntegerArray(QOS2_COUNT);

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(Message message) {
      int number = message.payload().getInt(0);
      (message.topic().endsWith("qos1") ? qos1 : qos2).incrementAndGet(number);
    }

    @Override
    public void onError(Throwable failure) { }

    @Override
    public void onComplete() { }

    void awaitAll() {
      Awaitility.await("every message at least once").atMost(WAIT).pollInSameThread()
          .until(() -> missing(qos1).isEmpty() && missing(qos2).isEmpty());
    }

    void assertQos2ExactlyOnce() {
      List<Integer> twice = new ArrayList<>();
      for (int i = 0; i < qos2.length(); i++) {
        if (qos2.get(i) > 1) {
          twice.add(i);
        }
      }
      assertEquals(List.of(), twice, "QoS 2 messages delivered more than once");
    }

    private static List<Integer> missing(AtomicIntegerArray counts) {
      List<Integer> missing = new ArrayList<>();
      for (int i = 0; i < counts.length(); i++) {
        if (counts.get(i) == 0) {
          missing.add(i);
        }
      }
      return missing;
    }
  }
}
