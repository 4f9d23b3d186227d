package io.mqttloop.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * The threads of the JVM from the census on, beside an executor of the caller's kind whose
 * threads it counts: at the end, no thread may have been started but the executor's, and none
 * may be left once the executor is shut down. Take it after starting the brokers.
 */
final class ThreadCensus {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final AtomicInteger executorThreads = new AtomicInteger();
  private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
    executorThreads.incrementAndGet();
    return new Thread(runnable, "census-executor");
  });
  private final Set<Thread> before = Thread.getAllStackTraces().keySet();
  private final long startedBefore = THREADS.getTotalStartedThreadCount();

  private ThreadCensus() {}

  /** A census from now on. */
  static ThreadCensus take() {
    return new ThreadCensus();
  }

  /** The executor to run loops on. */
  Executor executor() {
    return executor;
  }

  /**
   * Shuts the executor down, waits for the loops to give its threads back and for those to end,
   * and checks that no other thread was started since the census and none is left.
   */
  void assertOnlyTheExecutorStartedThreads() throws InterruptedException {
    executor.shutdown();
    assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS),
        "the loops gave the executor's threads back");
    // A terminated pool's last thread may still be on its way out.
    Awaitility.await("no thread left behind").atMost(Duration.ofSeconds(5)).pollInSameThread()
        .untilAsserted(() -> assertTrue(threadsLeft().isEmpty(),
            "threads left behind: " + threadsLeft()));
    assertEquals(executorThreads.get(), THREADS.getTotalStartedThreadCount() - startedBefore,
        "threads started besides the executor's");
  }

  private Set<String> threadsLeft() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> !before.contains(thread) && thread.isAlive())
        .map(Thread::getName).collect(Collectors.toSet());
  }

  /** Stops the executor's threads, whatever became of the test. */
  void end() {
    executor.shutdownNow();
  }
}
