package io.mqttloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QueueSourceTest {
  private final List<Publish> requests = IteratorSourceTest.numbered(6);
  private final WatchedQueue queue = new WatchedQueue();
  private final ExecutorService taker = Executors.newSingleThreadExecutor();
  private final RecordingSubscriber subscriber = RecordingSubscriber.asking();

  @AfterEach
  void stopTheTaker() {
    taker.shutdownNow();
  }

  @Test
  void itHandsOverWhatIsPutInOrderAndNoMoreThanAskedFor() throws InterruptedException {
    Sources.from(queue, taker).subscribe(subscriber);
    subscriber.request(4);

    queue.addAll(requests);

    subscriber.awaitArrivals(4);
    subscriber.assertReceived(requests.subList(0, 4));
    assertEquals(2, queue.size(), "the rest stays in the queue");
  }

  @Test
  void endHandsOverWhatIsLeftThenCompletes() throws InterruptedException {
    QueueSource source = Sources.from(queue, taker);
    source.subscribe(subscriber);
    queue.addAll(requests);
    subscriber.request(2);
    subscriber.awaitArrivals(2);

    source.end();
    subscriber.request(10);

    subscriber.awaitCompletion();
    subscriber.assertReceived(requests);
  }

  @Test
  void endWakesTheWaitingTakerAndLeavesNoInterruptBehind() throws Exception {
    OwnThreads threads = new OwnThreads();
    QueueSource source = Sources.from(queue, threads);
    source.subscribe(subscriber);
    subscriber.request(1);
    assertTrue(queue.waiting.await(RecordingSubscriber.TIMEOUT_SECONDS, TimeUnit.SECONDS));

    source.end();

    subscriber.awaitCompletion();
    assertFalse(threads.interruptedAfterTheTask(), "no interrupt left on the taker's thread");
  }

  @Test
  void cancelWakesTheWaitingTakerAndTakesNothingMore() throws Exception {
    OwnThreads threads = new OwnThreads();
    Sources.from(queue, threads).subscribe(subscriber);
    subscriber.request(1);
    assertTrue(queue.waiting.await(RecordingSubscriber.TIMEOUT_SECONDS, TimeUnit.SECONDS));

    subscriber.cancel();

    assertFalse(threads.interruptedAfterTheTask(), "no interrupt left on the taker's thread");
    queue.add(requests.get(0));
    assertEquals(1, queue.size());
    assertFalse(subscriber.hasEnded());
  }

  @Test
  void aRejectingTakerFailsTheSourceNamingTheExecutor() throws InterruptedException {
    ExecutorService stopped = Executors.newSingleThreadExecutor();
    stopped.shutdown();
    Sources.from(queue, stopped).subscribe(subscriber);

    subscriber.request(1);

    IllegalStateException error = subscriber.awaitError(IllegalStateException.class);
    assertTrue(error.getMessage().contains("taker executor " + stopped), error.getMessage());
    assertInstanceOf(RejectedExecutionException.class, error.getCause());
  }

  @Test
  void aNullFromTheQueueFailsTheSource() throws InterruptedException {
    LinkedBlockingQueue<Request> broken = new LinkedBlockingQueue<>() {
      @Override
      public Request take() {
        return null;
      }
    };
    Sources.from(broken, taker).subscribe(subscriber);

    subscriber.request(1);

    String message = subscriber.awaitError(NullPointerException.class).getMessage();
    assertTrue(message.contains("queue of a QueueSource"), message);
  }

  @Test
  void aSecondSubscriberIsRefused() throws InterruptedException {
    QueueSource source = Sources.from(queue, taker);
    source.subscribe(RecordingSubscriber.asking());

    source.subscribe(subscriber);

    subscriber.awaitError(IllegalStateException.class);
  }

  /** Tells when a taker waits in take(). */
  private static final class WatchedQueue extends LinkedBlockingQueue<Request> {
    private static final long serialVersionUID = 1L;
    private final transient CountDownLatch waiting = new CountDownLatch(1);

    @Override
    public Request take() throws InterruptedException {
      waiting.countDown();
      return super.take();
    }
  }

  /** Runs each task on a new thread, and tells whether the task left that thread interrupted. */
  private static final class OwnThreads implements Executor {
    private final CompletableFuture<Boolean> interrupted = new CompletableFuture<>();

    @Override
    public void execute(Runnable task) {
      Thread thread = new Thread(() -> {
        task.run();
        interrupted.complete(Thread.currentThread().isInterrupted());
      });
      thread.setDaemon(true);
      thread.start();
    }

    boolean interruptedAfterTheTask()
        throws InterruptedException, ExecutionException, TimeoutException {
      return interrupted.get(RecordingSubscriber.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
  }
}
