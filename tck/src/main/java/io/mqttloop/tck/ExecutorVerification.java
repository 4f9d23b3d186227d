package io.mqttloop.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttloop.Command;
import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import io.mqttloop.MqttState;
import io.mqttloop.Outcome;
import io.mqttloop.QoS;
import io.mqttloop.Sources;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Rules of the executor a loop runs on: the whole lifecycle on a single thread or on virtual
 * threads, the caller's executor left running, and executors that cannot host a loop reported
 * with a clear error that fails the stages instead of stranding them.
 */
public abstract class ExecutorVerification extends MqttEventLoopVerification {

  /** For subclasses, which write {@link #createLoop}. */
  protected ExecutorVerification() {}

  /** Connect, a run, pause and resume, and disconnect, all on one thread; it stays the caller's. */
  @Test
  public void required_theWholeLifecycleRunsOnASingleThreadExecutorLeftRunning()
      throws Exception {
    ExecutorService single = Executors.newSingleThreadExecutor();
    try {
      liveALifeOn(single);

      assertFalse(single.isShutdown(), "the loop shut its caller's executor down");
      assertEquals("still mine", single.submit(() -> "still mine").get());
    } finally {
      single.shutdownNow();
    }
  }

  /**
   * The same lifecycle on a virtual thread per task, where the JDK has them (Java 21 on); skipped
   * on an older JDK.
   */
  @Test
  public void optional_theWholeLifecycleRunsOnVirtualThreads() throws Exception {
    ExecutorService virtual = virtualThreadPerTask();
    try {
      liveALifeOn(virtual);
    } finally {
      virtual.shutdownNow();
    }
  }

  /**
   * An executor that rejects the loop's task fails the connect with the rejection; a run and a
   * shutdown afterwards end too, the shutdown with the state or the same rejection: none is left
   * waiting.
   */
  @Test
  public void required_anExecutorThatRejectsFailsTheStagesWithTheRejection() {
    Executor full = task -> {
      throw new RejectedExecutionException("the caller's pool is full");
    };
    MqttEventLoop loop = createLoop(brokerOptions().build(), full, MqttState.EMPTY);

    Throwable refused = awaitFailure(loop.connect(), "a connect on a rejecting executor");

    assertInstanceOf(RejectedExecutionException.class, refused);
    assertRunAndShutdownEndAfterTheRefusal(loop);
  }

  /**
   * A {@link ThreadPoolExecutor} whose every thread is busy, which would keep the loop's task
   * waiting in its queue, fails the connect with a rejection that says the pool is busy; a run
   * and a shutdown afterwards end, as on a rejecting executor; and once its thread is free, the
   * pool runs new tasks but never the loop's. For a loop that holds a thread of its executor.
   */
  @Test
  public void optional_aPoolWithNoFreeThreadFailsTheConnectInsteadOfQueueingIt() {
    assumeItHoldsAThread();
    CountingPool pool = new CountingPool(1);
    CountDownLatch release = new CountDownLatch(1);
    try {
      occupyAThread(pool, release);
      MqttEventLoop loop = createLoop(brokerOptions().build(), pool, MqttState.EMPTY);

      Throwable refused = awaitFailure(loop.connect(), "a connect on a pool with no free thread");

      assertInstanceOf(RejectedExecutionException.class, refused);
      String message = refused.getMessage().toLowerCase(Locale.ROOT);
      assertTrue(message.contains("pool") && message.contains("busy"), refused.getMessage());
      assertRunAndShutdownEndAfterTheRefusal(loop);
      release.countDown();
      await(CompletableFuture.supplyAsync(() -> "still mine", pool), "a task on the freed pool");
      // One thread takes tasks in order: a loop's task left queued would have started first.
      assertEquals(2, pool.started(), "the pool ran a task of the loop after refusing it");
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  /**
   * A pool with one thread busy and another free hosts the loop on the free one, and has it back
   * once the loop has shut down: only a pool with no free thread is refused.
   */
  @Test
  public void required_aPoolWithAFreeThreadBesideABusyOneHostsTheLoop() throws Exception {
    CountingPool pool = new CountingPool(2);
    // Both threads wait for tasks, so the loop's task goes through the queue, as with any pool
    // that has run tasks before.
    pool.prestartAllCoreThreads();
    // A worker counts as active until its thread first runs: wait until both wait for tasks.
    Awaitility.await().atMost(stageTimeout()).until(() -> pool.getActiveCount() == 0);
    CountDownLatch release = new CountDownLatch(1);
    try {
      occupyAThread(pool, release);
      MqttEventLoop loop = connect(createLoop(brokerOptions().build(), pool, MqttState.EMPTY));

      Outcome outcome = await(loop.run(Sources.from(NumberedPublishes.of(10,
          QoS.AT_LEAST_ONCE))), "a run of 10 on the free thread");

      assertInstanceOf(Outcome.Completed.class, outcome);
      await(loop.execute(Command.shutdown()), "a shutdown");
      release.countDown();
      pool.shutdown();
      assertTrue(pool.awaitTermination(stageTimeout().toMillis(), TimeUnit.MILLISECONDS),
          "the loop kept its thread of the pool after it shut down");
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  /**
   * An executor that runs the loop's task on the calling thread fails the connect, naming it. For
   * a loop that holds a thread of its executor.
   */
  @Test
  public void optional_anExecutorThatRunsOnTheCallingThreadFailsTheConnect() {
    assumeItHoldsAThread();
    MqttEventLoop loop = createLoop(brokerOptions().build(), Runnable::run, MqttState.EMPTY);

    Throwable refused = awaitFailure(loop.connect(), "a connect on a same-thread executor");

    assertTrue(refused.getMessage().contains("calling thread"), refused.getMessage());
  }

  /** Skips the calling test, naming the capability, for a loop that holds no thread. */
  private void assumeItHoldsAThread() {
    assumeCapability(holdsAThreadOfItsExecutor(), "holdsAThreadOfItsExecutor",
        "a loop that holds a thread of its executor, and so cannot wait in a queue");
  }

  private void assertRunAndShutdownEndAfterTheRefusal(MqttEventLoop loop) {
    awaitFailure(loop.run(Sources.from(NumberedPublishes.of(3, QoS.AT_LEAST_ONCE))),
        "a run on a loop that never connected");
    Object shutdown = await(loop.execute(Command.shutdown())
        .handle((outcome, failure) -> failure == null ? outcome : failure), "a shutdown");
    assertTrue(shutdown instanceof Outcome.ShutDown
        || shutdown instanceof RejectedExecutionException, "the shutdown ended with " + shutdown);
  }

  /** Keeps a thread of {@code pool} busy until {@code release} opens; returns once it is. */
  private void occupyAThread(ExecutorService pool, CountDownLatch release) {
    CompletableFuture<Void> running = new CompletableFuture<>();
    pool.execute(() -> {
      running.complete(null);
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    await(running, "a task taking a thread of the pool");
  }

  private void liveALifeOn(Executor executor) {
    MqttOptions options = brokerOptions().build();
    MqttEventLoop loop = createLoop(options, executor, MqttState.EMPTY);
    connect(loop);
    await(loop.execute(Command.pause()), "pause");
    await(loop.execute(Command.resume()), "resume");
    Outcome outcome = await(loop.run(Sources.from(NumberedPublishes.of(1_000,
        QoS.AT_LEAST_ONCE))), "a run of 1,000");
    assertInstanceOf(Outcome.Completed.class, outcome);
    assertInstanceOf(Outcome.Disconnected.class,
        await(loop.execute(Command.disconnect()), "disconnect"));
  }

  /** {@code Executors.newVirtualThreadPerTaskExecutor()}, or the test is skipped before Java 21. */
  private static ExecutorService virtualThreadPerTask() throws Exception {
    Method factory;
    try {
      factory = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
    } catch (NoSuchMethodException e) {
      Assumptions.abort("needs Java 21 or later for virtual threads; this is Java "
          + Runtime.version().feature());
      throw new AssertionError(e);
    }
    return (ExecutorService) factory.invoke(null);
  }

  /** A fixed pool that counts the tasks it has started. */
  private static final class CountingPool extends ThreadPoolExecutor {
    private final AtomicInteger started = new AtomicInteger();

    CountingPool(int threads) {
      super(threads, threads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    }

    @Override
    protected void beforeExecute(Thread thread, Runnable task) {
      started.incrementAndGet();
    }

    int started() {
      return started.get();
    }
  }
}
