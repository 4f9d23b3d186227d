package io.mqttloop.examples;

import io.mqttloop.Command;
import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import io.mqttloop.Outcome;
import io.mqttloop.Publish;
import io.mqttloop.QoS;
import io.mqttloop.RequestChannel;
import io.mqttloop.netty.NettyMqtt;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Steers a loop while its run goes on, from the main thread: one run takes QoS 1 publishes from
 * a {@link RequestChannel}, and commands change how it sends them.
 *
 * <ol>
 *   <li>Pause, with thousands of publishes still waiting: once what was in flight is
 *       acknowledged, no acknowledgement comes while the loop stays paused. Resume, and the
 *       rest go.
 *   <li>Throttle to 200 publishes a second for 400 publishes, and measure the pace of their
 *       acknowledgements; unthrottle, and measure it again for 2,000 more.
 *   <li>Reconnect in the middle of 1,000 publishes: what was in flight is resent.
 *   <li>Disconnect, waiting at most 5 seconds for what is in flight; that ends the run.
 * </ol>
 *
 * <p>It connects to {@code localhost:1883}, or to the broker its one argument names as
 * {@code host:port}; it starts none of its own.
 */
public final class SteerWhileRunning {
  static final String TOPIC = "mqttloop/examples/steer";
  static final int BEFORE_PAUSE = 5_000;
  static final int PAUSE_AFTER_ACKS = 200;
  static final Duration PAUSED_FOR = Duration.ofMillis(500);
  static final double THROTTLE_PER_SECOND = 200;
  static final int THROTTLED = 400;
  static final int UNTHROTTLED = 2_000;
  static final int AROUND_RECONNECT = 1_000;
  static final int RECONNECT_AFTER_ACKS = 100;
  static final int TOTAL = BEFORE_PAUSE + THROTTLED + UNTHROTTLED + AROUND_RECONNECT;

  /** How long no acknowledgement must come for what was in flight to count as in. */
  private static final Duration QUIET = Duration.ofMillis(100);
  private static final long STAGE_TIMEOUT_SECONDS = 30;

  private SteerWhileRunning() {}

  /**
   * Steers the loop; see the class comment for the argument.
   *
   * @throws IllegalStateException when a publish was acknowledged while the loop was paused, or
   *     one was not acknowledged in the end
   */
  public static void main(String[] args) throws Exception {
    BrokerAddress broker = BrokerAddress.fromArgs("SteerWhileRunning", args);
    Report report = steer(broker.host(), broker.port());
    System.out.println(report);
    if (report.ackedWhilePaused() != 0 || report.acknowledged() != TOTAL) {
      throw new IllegalStateException("expected none acknowledged while paused and all "
          + TOTAL + " in the end: " + report);
    }
  }

  /** Steers a loop connected to the broker at {@code host:port}; returns what it measured. */
  static Report steer(String host, int port) throws Exception {
    ExecutorService loopThreads = Executors.newCachedThreadPool();
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    MqttOptions options = MqttOptions.builder().broker(host, port).build();
    MqttEventLoop loop = NettyMqtt.factory().create(options, loopThreads);
    Report report;
    try {
      report = new Steering(loop, timer).steer();
    } finally {
      // Frees the loop's thread if something failed; a loop that has closed ignores it.
      loop.execute(Command.shutdown());
      Pools.shutDown(timer, loopThreads);
    }
    Pools.awaitEnd(timer, loopThreads);
    return report;
  }

  /** One loop, its run's channel, and the count of acknowledgements the run has had. */
  private static final class Steering {
    private final MqttEventLoop loop;
    private final ScheduledExecutorService timer;
    private final RequestChannel channel = RequestChannel.withCapacity(64);
    private final AtomicInteger acknowledged = new AtomicInteger();

    Steering(MqttEventLoop loop, ScheduledExecutorService timer) {
      this.loop = loop;
      this.timer = timer;
    }

    Report steer() throws Exception {
      loop.connect().toCompletableFuture().get(10, TimeUnit.SECONDS);
      CompletionStage<Outcome> run = loop.run(channel);

      Batch beforePause = send(BEFORE_PAUSE);
      beforePause.awaitFirst(PAUSE_AFTER_ACKS);
      execute(Command.pause());
      int pausedAt = quietCount();
      int waitingWhilePaused = BEFORE_PAUSE - beforePause.acknowledged();
      int ackedWhilePaused = countAfter(PAUSED_FOR) - pausedAt;
      execute(Command.resume());
      beforePause.awaitAll();

      execute(Command.throttle(THROTTLE_PER_SECOND));
      Batch throttled = send(THROTTLED);
      throttled.awaitAll();
      execute(Command.unthrottle());
      Batch unthrottled = send(UNTHROTTLED);
      unthrottled.awaitAll();

      Batch aroundReconnect = send(AROUND_RECONNECT);
      aroundReconnect.awaitFirst(RECONNECT_AFTER_ACKS);
      execute(Command.reconnect());
      aroundReconnect.awaitAll();

      Outcome.Disconnected end = execute(Command.disconnect(Duration.ofSeconds(5)));
      Outcome runEnd = run.toCompletableFuture().get(STAGE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (!end.equals(runEnd) || !end.state().isEmpty()) {
        throw new IllegalStateException("the run ended with " + runEnd + ", the disconnect with "
            + end);
      }
      return new Report(ackedWhilePaused, waitingWhilePaused, throttled.perSecond(),
          unthrottled.perSecond(), acknowledged.get());
    }

    private <R> R execute(Command<R> command) throws Exception {
      return loop.execute(command).toCompletableFuture()
          .get(STAGE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private Batch send(int size) {
      return new Batch(size);
    }

    /**
     * The count of acknowledgements once {@link #QUIET} has passed without one: after a pause,
     * those of what was in flight are in by then.
     */
    private int quietCount() throws Exception {
      int before = acknowledged.get();
      for (int round = 0; round < 100; round++) {
        int after = countAfter(QUIET);
        if (after == before) {
          return after;
        }
        before = after;
      }
      throw new IllegalStateException("acknowledgements kept coming for 100 rounds of " + QUIET);
    }

    /** The count of acknowledgements {@code delay} from now, read by the timer then. */
    private int countAfter(Duration delay) throws Exception {
      return timer.schedule(acknowledged::get, delay.toMillis(), TimeUnit.MILLISECONDS)
          .get(delay.toMillis() + TimeUnit.SECONDS.toMillis(STAGE_TIMEOUT_SECONDS),
              TimeUnit.MILLISECONDS);
    }

    /** Publishes sent to the channel together, each noting when the broker acknowledged it. */
    private final class Batch {
      private final long[] ackedAtNanos;
      private final CompletableFuture<?>[] noted;
      private final AtomicInteger batchAcknowledged = new AtomicInteger();

      Batch(int size) {
        ackedAtNanos = new long[size];
        noted = new CompletableFuture<?>[size];
        for (int i = 0; i < size; i++) {
          byte[] payload = ByteBuffer.allocate(Integer.BYTES).putInt(i).array();
          int index = i;
          noted[i] = channel.send(Publish.of(TOPIC, payload, QoS.AT_LEAST_ONCE))
              .thenRun(() -> {
                ackedAtNanos[index] = System.nanoTime();
                batchAcknowledged.incrementAndGet();
                acknowledged.incrementAndGet();
              })
              .toCompletableFuture();
        }
      }

      int acknowledged() {
        return batchAcknowledged.get();
      }

      void awaitFirst(int count) throws Exception {
        noted[count - 1].get(STAGE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }

      void awaitAll() throws Exception {
        CompletableFuture.allOf(noted).get(STAGE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }

      /** Acknowledgements a second, from the first to the last; call after {@link #awaitAll}. */
      double perSecond() {
        long nanos = ackedAtNanos[ackedAtNanos.length - 1] - ackedAtNanos[0];
        return (ackedAtNanos.length - 1) * 1e9 / Math.max(nanos, 1);
      }
    }
  }

  /**
   * What steering the loop showed.
   *
   * @param ackedWhilePaused acknowledgements during {@link #PAUSED_FOR} of the pause, once what
   *     was in flight was in
   * @param waitingWhilePaused publishes sent to the channel and not acknowledged during the pause
   * @param throttledPerSecond the pace of acknowledgements under the throttle
   * @param unthrottledPerSecond the pace of acknowledgements once the throttle was lifted
   * @param acknowledged every acknowledgement the run had
   */
  record Report(int ackedWhilePaused, int waitingWhilePaused, double throttledPerSecond,
      double unthrottledPerSecond, int acknowledged) {
    @Override
    public String toString() {
      return String.format("%d acknowledged while paused with %d waiting; %.1f/s throttled to"
          + " %.0f/s, %.0f/s unthrottled; %d acknowledged in all", ackedWhilePaused,
          waitingWhilePaused, throttledPerSecond, THROTTLE_PER_SECOND, unthrottledPerSecond,
          acknowledged);
    }
  }
}
