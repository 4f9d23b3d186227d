package io.mqttloop.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttloop.Command;
import io.mqttloop.MqttAckTimeoutException;
import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import io.mqttloop.MqttState;
import io.mqttloop.Outcome;
import io.mqttloop.Publish;
import io.mqttloop.QoS;
import io.mqttloop.Request;
import io.mqttloop.Sources;
import io.mqttloop.tck.scripted.ScriptedBroker;
import io.netty.handler.codec.mqtt.MqttMessageType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Rules of the stages a loop hands out: where they complete when the options name a completion
 * executor, and how a request's acknowledgement timeout fails its stage while the request stays
 * in the session.
 */
public abstract class StageVerification extends MqttEventLoopVerification {
  private static final String COMPLETER = "mqttloop-tck-completer";
  private static final Duration SHORT_ACK_TIMEOUT = Duration.ofMillis(300);

  /** For subclasses, which write {@link #createLoop}. */
  protected StageVerification() {}

  /**
   * With a completion executor, the stages of the connect, of each request, of a command and of
   * the run all complete, and run their callbacks, on that executor's thread.
   */
  @Test
  public void optional_stagesCompleteOnTheCompletionExecutor() throws Exception {
    assumeCompletionExecutor();
    ExecutorService completer = namedSingleThread();
    try {
      MqttEventLoop loop = newLoop(brokerOptions().completionExecutor(completer).build());
      List<CompletionStage<String>> threads = new ArrayList<>();
      threads.add(threadOf(loop.connect()));
      await(threads.get(0), "the connect");
      List<Publish> publishes = NumberedPublishes.ofEveryQos(30);
      publishes.forEach(publish -> threads.add(threadOf(publish.completion())));
      CompletionStage<Outcome> run = loop.run(Sources.from(publishes));
      threads.add(threadOf(run));
      await(run, "the run");
      threads.add(threadOf(loop.execute(Command.resume())));

      for (CompletionStage<String> thread : threads) {
        assertEquals(COMPLETER, await(thread, "a stage"), "the thread a stage completed on");
      }
    } finally {
      completer.shutdownNow();
    }
  }

  /**
   * A callback that blocks on the completion executor holds up none of the loop's work: while the
   * first publish's callback waits, every other publish of a run ten times the window is sent,
   * acknowledged and delivered.
   */
  @Test
  public void optional_aSlowCallbackOnTheCompletionExecutorHoldsUpNothing() throws Exception {
    assumeCompletionExecutor();
    ExecutorService completer = namedSingleThread();
    try {
      String topic = "mqttloop/tck/slow-callback/" + newClientId();
      RecordingSubscriber inbox = subscribedInbox(topic, QoS.AT_LEAST_ONCE);
      MqttOptions options = brokerOptions().maxInflight(10).completionExecutor(completer).build();
      MqttEventLoop loop = connectedLoop(options);
      List<Publish> publishes = NumberedPublishes.of(100, QoS.AT_LEAST_ONCE, topic);
      CompletionStage<Void> waitingCallback = publishes.get(0).completion()
          .thenRun(() -> inbox.awaitEveryNumberBelow(100, stageTimeout()));

      CompletionStage<Outcome> run = loop.run(Sources.from(publishes));

      await(waitingCallback, "the first publish's callback, waiting for all 100 to arrive");
      assertInstanceOf(Outcome.Completed.class, await(run, "the run"));
    } finally {
      completer.shutdownNow();
    }
  }

  /**
   * A publish whose own acknowledgement timeout passes fails with {@link MqttAckTimeoutException}
   * naming it, while one without a timeout waits on; the connection stays, and both requests stay
   * in flight in the session, as a shutdown's state shows.
   */
  @Test
  public void required_aPublishPastItsOwnAckTimeoutFailsAndStaysInTheSession() {
    ScriptedBroker scripted = scriptedBroker().holdAcks();
    MqttEventLoop loop = connectedLoop(scriptedOptions().build());
    Publish timed = Publish.builder("mqttloop/tck/timed").qos(QoS.AT_LEAST_ONCE)
        .ackTimeout(SHORT_ACK_TIMEOUT).build();
    Publish untimed = Publish.of("mqttloop/tck/untimed", new byte[1], QoS.AT_LEAST_ONCE);
    loop.run(Sources.from(List.of(timed, untimed)));
    scripted.awaitHeldAcks(2, stageTimeout());

    Throwable failure = awaitFailure(timed.completion(), "the timed publish");

    MqttAckTimeoutException timeout = assertInstanceOf(MqttAckTimeoutException.class, failure);
    assertSame(timed, timeout.request());
    assertEquals(SHORT_ACK_TIMEOUT, timeout.timeout());
    assertPending(untimed.completion(), "the publish without a timeout");
    assertEquals(1, scripted.connectionCount(), "the timeout cost the connection");
    MqttState state = await(loop.execute(Command.shutdown()), "shutdown").state();
    assertEquals(List.of(timed, untimed), inFlightRequests(state));
  }

  /**
   * The options' acknowledgement timeout covers every request; acknowledgements that come after
   * it still take the requests out of the session, and the run completes with nothing left.
   */
  @Test
  public void required_theOptionsAckTimeoutCoversEveryRequestUntilTheAcksCome() {
    ScriptedBroker scripted = scriptedBroker().holdAcks();
    MqttEventLoop loop = connectedLoop(scriptedOptions().ackTimeout(SHORT_ACK_TIMEOUT).build());
    List<Publish> publishes = NumberedPublishes.of(3, QoS.AT_LEAST_ONCE);
    CompletionStage<Outcome> run = loop.run(Sources.from(publishes));
    scripted.awaitHeldAcks(3, stageTimeout());

    for (Publish publish : publishes) {
      assertInstanceOf(MqttAckTimeoutException.class,
          awaitFailure(publish.completion(), publish.toString()));
    }
    assertPending(run, "the run, with three acks held");
    scripted.releaseAllAcks();

    Outcome outcome = await(run, "the run, once the late acks came");
    assertTrue(outcome.state().isEmpty(), "left in the session: " + outcome.state());
  }

  /**
   * A request whose timeout passes before it was sent, held back by a throttle, is withdrawn:
   * its stage fails saying so, it is never sent, and the run completes without it.
   */
  @Test
  public void required_aRequestTimedOutBeforeItWasSentIsWithdrawn() {
    ScriptedBroker scripted = scriptedBroker();
    MqttEventLoop loop = connectedLoop(scriptedOptions().ackTimeout(SHORT_ACK_TIMEOUT).build());
    await(loop.execute(Command.throttle(1)), "a throttle of one a second");
    List<Publish> publishes = NumberedPublishes.of(4, QoS.AT_LEAST_ONCE);

    Outcome outcome = await(loop.run(Sources.from(publishes)), "the run");

    assertSame(publishes.get(0), await(publishes.get(0).completion(), "the first, sent at once"));
    for (Publish held : publishes.subList(1, 4)) {
      MqttAckTimeoutException timeout = assertInstanceOf(MqttAckTimeoutException.class,
          awaitFailure(held.completion(), held.toString()));
      assertTrue(timeout.withdrawn(), held + " held back by the throttle was withdrawn");
    }
    assertTrue(outcome.state().isEmpty(), "left in the session: " + outcome.state());
    awaitPublishes(scripted, 1);
    assertEquals(1, scripted.received(MqttMessageType.PUBLISH).size(), "only the first was sent");
  }

  /** Acknowledgements that come in time leave every stage to complete normally. */
  @Test
  public void required_acksInTimeCompleteEveryStage() {
    MqttEventLoop loop = connectedLoop(brokerOptions().ackTimeout(stageTimeout()).build());
    List<Publish> publishes = NumberedPublishes.ofEveryQos(300);

    Outcome outcome = await(loop.run(Sources.from(publishes)), "the run");

    assertInstanceOf(Outcome.Completed.class, outcome);
    publishes.forEach(publish -> assertSame(publish, await(publish.completion(), "a publish")));
  }

  /** Skips the calling test, naming the capability, for a transport without one. */
  private void assumeCompletionExecutor() {
    assumeCapability(supportsCompletionExecutor(), "supportsCompletionExecutor",
        "stages completed on the executor the options name");
  }

  private static CompletionStage<String> threadOf(CompletionStage<?> stage) {
    return stage.thenApply(value -> Thread.currentThread().getName());
  }

  private static ExecutorService namedSingleThread() {
    return Executors.newSingleThreadExecutor(task -> new Thread(task, COMPLETER));
  }

  private static List<Request> inFlightRequests(MqttState state) {
    return state.inFlight().stream().map(MqttState.InFlight::request).toList();
  }
}
