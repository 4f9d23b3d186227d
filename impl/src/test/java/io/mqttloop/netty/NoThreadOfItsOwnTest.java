package io.mqttloop.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttloop.Command;
import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import io.mqttloop.Outcome;
import io.mqttloop.QoS;
import io.mqttloop.Sources;
import io.mqttloop.tck.NumberedPublishes;
import io.mqttloop.tck.scripted.ScriptedBroker;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A whole session (connect, 1,000 publishes at each QoS, disconnect) starts no thread but those of
 * the caller's executor, and leaves none behind. The broker is the scripted one, whose only
 * thread is running before the session starts.
 */
class NoThreadOfItsOwnTest {
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  @Test
  void aWholeSessionStartsNoThreadButTheExecutors() throws Exception {
    AtomicInteger executorThreads = new AtomicInteger();
    ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
      executorThreads.incrementAndGet();
      return new Thread(runnable, "caller-executor");
    });
    try (ScriptedBroker broker = ScriptedBroker.start()) {
      MqttOptions options = MqttOptions.builder().broker(broker.host(), broker.port()).build();
      Set<Thread> before = Thread.getAllStackTraces().keySet();
      long startedBefore = threads.getTotalStartedThreadCount();

      runSession(NettyMqtt.factory().create(options, executor));
      executor.shutdown();
      assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS),
          "the loop returned its executor's thread once closed");

      long started = threads.getTotalStartedThreadCount() - startedBefore;
      assertEquals(executorThreads.get(), started,
          "threads started during the session besides the executor's: " + newThreads(before));
      assertTrue(newThreads(before).isEmpty(), "threads left behind: " + newThreads(before));
    } finally {
      executor.shutdownNow();
    }
  }

  private static void runSession(MqttEventLoop loop) throws Exception {
    loop.connect().toCompletableFuture().get(10, TimeUnit.SECONDS);
    for (QoS qos : QoS.values()) {
      Outcome outcome = loop.run(Sources.from(NumberedPublishes.of(1_000, qos)))
          .toCompletableFuture().get(30, TimeUnit.SECONDS);
      assertInstanceOf(Outcome.Completed.class, outcome);
    }
    loop.execute(Command.disconnect()).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static Set<Thread> newThreads(Set<Thread> before) {
    Set<Thread> now = new HashSet<>(Thread.getAllStackTraces().keySet());
    now.removeAll(before);
    now.removeIf(thread -> !thread.isAlive());
    return now;
  }
}
