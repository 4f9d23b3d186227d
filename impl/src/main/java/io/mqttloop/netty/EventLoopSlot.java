package io.mqttloop.netty;

import io.mqttloop.spi.LoopThreads;
import io.netty.channel.EventLoop;
import io.netty.channel.SingleThreadIoEventLoop;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The Netty event loop a loop runs on: one of a group the caller owns, or one of its own, made on
 * first use on the caller's executor, so that a loop never connected holds no selector.
 */
final class EventLoopSlot {
  private final @Nullable Executor executor;
  private volatile @Nullable EventLoop eventLoop;

  private EventLoopSlot(@Nullable Executor executor, @Nullable EventLoop eventLoop) {
    this.executor = executor;
    this.eventLoop = eventLoop;
  }

  /** A slot holding one event loop of the caller's group, which the loop never shuts down. */
  static EventLoopSlot shared(EventLoop eventLoop) {
    return new EventLoopSlot(null, eventLoop);
  }

  /** A slot that makes its own event loop on {@code executor} when first asked for it. */
  static EventLoopSlot own(Executor executor) {
    return new EventLoopSlot(executor, null);
  }

  /** The event loop, made now if it is the loop's own and was not made yet. */
  EventLoop get() {
    EventLoop current = eventLoop;
    if (current != null) {
      return current;
    }
    synchronized (this) {
      if (eventLoop == null) {
        eventLoop = new SingleThreadIoEventLoop(null, new SeparateThread(executor),
            NioIoHandler.newFactory());
      }
      return eventLoop;
    }
  }

  /** The event loop, or null when it is the loop's own and nothing has asked for it yet. */
  @Nullable EventLoop ifMade() {
    return eventLoop;
  }

  /** Shuts the event loop down if it is the loop's own, returning its thread to the executor. */
  void release() {
    EventLoop current = eventLoop;
    if (executor != null && current != null) {
      current.shutdownGracefully(0, 0, TimeUnit.SECONDS);
    }
  }

  /**
   * Hands the event loop's task to the caller's executor, refusing with a {@link
   * RejectedExecutionException} an executor that cannot host it: the event loop holds its thread
   * until the loop closes, so a task run on the calling thread would never return, and a task
   * left waiting in a pool's queue would leave the connect waiting with it, as no timer runs
   * before the event loop has a thread.
   *
   * <p>A {@link ThreadPoolExecutor} given as it is, such as {@code Executors.newFixedThreadPool},
   * is refused when every thread of its pool is busy as the task is handed over: the pool queues
   * the task and starts no thread for it. The task is taken back out of the queue first, so it
   * never runs; one a worker took meanwhile is left to run. The check sees a single moment: a
   * pool whose thread would have freed up an instant later is refused too, as is one whose idle
   * thread was started so recently that it has not run yet (the pool counts it as busy), so the
   * loop must get a thread as it connects. It cannot see a task queued behind others while one
   * thread is free,
   * nor a saturated executor of any other kind, as {@code Executors.newSingleThreadExecutor}
   * (which wraps its pool), a {@link java.util.concurrent.ScheduledThreadPoolExecutor} (which
   * queues a wrapper of the task) or a {@link java.util.concurrent.ForkJoinPool}: on those the
   * connect waits for a thread to free up.
   */
  private record SeparateThread(Executor executor) implements Executor {
    @Override
    public void execute(Runnable eventLoopTask) {
      HostedTask hosted = new HostedTask(eventLoopTask, Thread.currentThread());
      try {
        executor.execute(hosted);
      } finally {
        hosted.handedOver();
      }
      if (executor instanceof ThreadPoolExecutor pool) {
        refuseIfQueuedOnABusyPool(pool, hosted);
      }
    }

    private static void refuseIfQueuedOnABusyPool(ThreadPoolExecutor pool, HostedTask hosted) {
      int threads = pool.getPoolSize();
      if (pool.getActiveCount() < threads) {
        return; // an idle worker takes the task from the queue
      }
      if (pool.remove(hosted) && hosted.withdraw()) {
        throw new RejectedExecutionException("the executor's pool has no thread for the loop: "
            + busyThreads(threads) + ", and it starts none for a task it queues. The loop's"
            + " event loop holds a thread for as long as the loop is connected: give a pool"
            + " with a free thread for each loop open at once, or a Netty event loop group."
            + " The pool: " + pool);
      }
    }

    private static String busyThreads(int threads) {
      return switch (threads) {
        case 0 -> "it has no thread";
        case 1 -> "its only thread was busy";
        default -> "all its " + threads + " threads were busy";
      };
    }
  }

  /**
   * The event loop's task as the executor holds it. It runs at most once, and never after it was
   * withdrawn from the executor's queue. The thread running it is marked as a loop's, then given
   * back to the pool unmarked.
   */
  private static final class HostedTask implements Runnable {
    private final Runnable eventLoopTask;
    private final Thread caller;
    private final AtomicBoolean taken = new AtomicBoolean();
    private volatile boolean handingOver = true;

    HostedTask(Runnable eventLoopTask, Thread caller) {
      this.eventLoopTask = eventLoopTask;
      this.caller = caller;
    }

    /** The executor has returned from taking the task. */
    void handedOver() {
      handingOver = false;
    }

    /** Keeps the task from ever running; false when it has started already. */
    boolean withdraw() {
      return taken.compareAndSet(false, true);
    }

    @Override
    public void run() {
      if (handingOver && Thread.currentThread() == caller) {
        throw new RejectedExecutionException("the executor ran the loop's task on the calling"
            + " thread, where it would never return: give an executor that runs tasks on"
            + " threads of its own");
      }
      if (!taken.compareAndSet(false, true)) {
        return;
      }
      LoopThreads.markCurrent();
      try {
        eventLoopTask.run();
      } finally {
        LoopThreads.unmarkCurrent();
      }
    }
  }
}
