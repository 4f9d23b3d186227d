package io.mqttloop.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttloop.Command;
import io.mqttloop.ConnectionLostException;
import io.mqttloop.LifecycleEvent;
import io.mqttloop.MqttConnectTimeoutException;
import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import io.mqttloop.Outcome;
import io.mqttloop.ReconnectPolicy;
import io.mqttloop.Request;
import io.mqttloop.tck.scripted.ConnackScript;
import io.mqttloop.tck.scripted.ScriptedBroker;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SingleThreadIoEventLoop;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every timer of a loop runs on its event loop's ticker: on a caller's group whose ticker is a
 * {@link MockTicker}, keep-alive, the connect timeout and backoff take minutes of virtual time
 * and milliseconds of real time. Each test would time out on a real clock.
 */
class VirtualTimeTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final MockTicker ticker = Ticker.newMockTicker();
  private final VirtualTimeGroup group = new VirtualTimeGroup(ticker);
  private final ScriptedBroker scripted = ScriptedBroker.start();
  private final List<LifecycleEvent> events = new CopyOnWriteArrayList<>();
  private final List<MqttEventLoop> loops = new ArrayList<>();

  /**
   * Shuts the loops down, then the group, whose graceful shutdown waits on the ticker too: it
   * moves on until the group has terminated.
   */
  @AfterEach
  void closeAll() {
    loops.forEach(loop -> loop.execute(Command.shutdown()).toCompletableFuture()
        .handle((outcome, closedAlready) -> outcome).join());
    scripted.close();
    Future<?> terminated = group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    Awaitility.await("the group terminated").atMost(WAIT).until(() -> {
      advance(Duration.ofSeconds(1));
      return terminated.isDone();
    });
  }

  @Test
  void aMinuteOfSilencePingsAndHalfAMinuteWithoutAnswerEndsTheConnection() throws Exception {
    MqttEventLoop loop = connected(options().keepAliveSeconds(60).build());
    CompletionStage<Outcome> run = loop.run(neverEnding());
    scripted.silence();

    advance(Duration.ofSeconds(61));
    scripted.awaitPacket(MqttMessageType.PINGREQ, WAIT);
    // The loop starts its 30 s deadline once it sees the PINGREQ written, a moment after the
    // broker has it: move on a second at a time until the run ends.
    Duration moved = advanceUntilDone(run);

    assertTrue(moved.compareTo(Duration.ofSeconds(32)) <= 0, "ended after " + moved);
    assertInstanceOf(ConnectionLostException.class, failureOf(run));
  }

  @Test
  void theConnectTimeoutRunsOnTheTicker() {
    scripted.connack(ConnackScript.withhold());
    MqttEventLoop loop = newLoop(options().connectTimeout(Duration.ofMinutes(2)).build());
    CompletionStage<?> connect = loop.connect();
    scripted.awaitPacket(MqttMessageType.CONNECT, WAIT);

    advance(Duration.ofMinutes(2).plusSeconds(1));

    assertInstanceOf(MqttConnectTimeoutException.class, failureOf(connect));
  }

  @Test
  void aReconnectWaitsItsBackoffOnTheTicker() throws Exception {
    ReconnectPolicy policy = ReconnectPolicy.afterFirstConnect()
        .withDelays(Duration.ofMinutes(5), Duration.ofMinutes(10));
    connected(options().reconnect(policy).lifecycleListener(events::add).build());

    scripted.cut();
    LifecycleEvent.Reconnecting reconnecting = awaitReconnecting();
    assertTrue(reconnecting.delay().compareTo(Duration.ofMinutes(2)) > 0,
        "a backoff of minutes, with jitter: " + reconnecting.delay());
    assertEquals(1, scripted.connectionCount(), "no attempt before the delay");
    advance(reconnecting.delay().plusSeconds(1));

    Awaitility.await("the second connection").atMost(WAIT)
        .until(() -> scripted.connectionCount() == 2);
  }

  private MqttOptions.Builder options() {
    return MqttOptions.builder().broker(scripted.host(), scripted.port()).clientId("virtual");
  }

  private MqttEventLoop newLoop(MqttOptions options) {
    MqttEventLoop loop = NettyMqtt.factory().create(options, group);
    loops.add(loop);
    return loop;
  }

  private MqttEventLoop connected(MqttOptions options) throws Exception {
    MqttEventLoop loop = newLoop(options);
    loop.connect().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    return loop;
  }

  /** Moves the ticker on, then wakes the event loop so that it looks at its timers again. */
  private void advance(Duration duration) {
    ticker.advance(duration.toNanos(), TimeUnit.NANOSECONDS);
    if (!group.isShuttingDown()) {
      group.next().execute(() -> { });
    }
  }

  /** Moves the ticker a second at a time until {@code stage} is done; how far it moved. */
  private Duration advanceUntilDone(CompletionStage<?> stage) {
    Duration[] moved = {Duration.ZERO};
    Awaitility.await("the stage, moving time on").atMost(WAIT).until(() -> {
      if (!stage.toCompletableFuture().isDone()) {
        advance(Duration.ofSeconds(1));
        moved[0] = moved[0].plusSeconds(1);
      }
      return stage.toCompletableFuture().isDone();
    });
    return moved[0];
  }

  private LifecycleEvent.Reconnecting awaitReconnecting() {
    return Awaitility.await("a reconnecting event").atMost(WAIT).until(
        () -> events.stream()
            .filter(LifecycleEvent.Reconnecting.class::isInstance)
            .map(LifecycleEvent.Reconnecting.class::cast)
            .findFirst().orElse(null),
        event -> event != null);
  }

  private static Throwable failureOf(CompletionStage<?> stage) {
    CompletableFuture<?> future = stage.toCompletableFuture();
    ExecutionException failed = assertThrows(
        ExecutionException.class, () -> future.get(WAIT.toSeconds(), TimeUnit.SECONDS));
    return failed.getCause();
  }

  private static Flow.Publisher<Request> neverEnding() {
    return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
      @Override
      public void request(long n) { }

      @Override
      public void cancel() { }
    });
  }

  /** One NIO event loop whose clock is {@code ticker}. */
  private static final class VirtualTimeGroup extends MultiThreadIoEventLoopGroup {
    VirtualTimeGroup(MockTicker ticker) {
      super(1, (Executor) null, NioIoHandler.newFactory(), ticker);
    }

    @Override
    protected IoEventLoop newChild(Executor executor, IoHandlerFactory handlers, Object... args) {
      Ticker ticker = (Ticker) args[0];
      return new SingleThreadIoEventLoop(this, executor, handlers) {
        @Override
        public Ticker ticker() {
          return ticker;
        }
      };
    }
  }
}
