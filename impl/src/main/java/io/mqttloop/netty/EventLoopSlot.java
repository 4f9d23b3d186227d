package io.mqttloop.netty;

import io.mqttloop.spi.LoopThreads;
import io.netty.channel.EventLoop;
import io.netty.channel.SingleThreadIoEventLoop;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
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
   * Hands the event loop's task to the caller's executor, refusing an executor that would run it
   * on the calling thread: the event loop never ends, so the call would never return. The thread
   * is marked as a loop's while the task runs, then given back to the pool unmarked.
   */
  private record SeparateThread(Executor executor) implements Executor {
    @Override
    public void execute(Runnable eventLoopTask) {
      Thread caller = Thread.currentThread();
      AtomicBoolean handingOver = new AtomicBoolean(true);
      try {
        executor.execute(() -> {
          if (handingOver.get() && Thread.currentThread() == caller) {
            throw new RejectedExecutionException("the executor ran the loop's task on the"
                + " calling thread, where it would never return: give an executor that runs"
                + " tasks on threads of its own");
          }
          LoopThreads.markCurrent();
          try {
            eventLoopTask.run();
          } finally {
            LoopThreads.unmarkCurrent();
          }
        });
      } finally {
        handingOver.set(false);
      }
    }
  }
}
