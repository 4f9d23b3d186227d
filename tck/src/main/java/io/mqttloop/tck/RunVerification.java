package io.mqttloop.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttloop.Command;
import io.mqttloop.ConnectionLostException;
import io.mqttloop.MqttClosedException;
import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import io.mqttloop.MqttRunTimeoutException;
import io.mqttloop.MqttState;
import io.mqttloop.Outcome;
import io.mqttloop.Publish;
import io.mqttloop.QoS;
import io.mqttloop.Request;
import io.mqttloop.Subscribe;
import io.mqttloop.SessionLostException;
import io.mqttloop.SourceFailedException;
import io.mqttloop.Sources;
import io.mqttloop.tck.scripted.ConnackScript;
import io.mqttloop.tck.scripted.ReceivedPacket;
import io.mqttloop.tck.scripted.ScriptedBroker;
import io.netty.handler.codec.mqtt.MqttMessageType;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules of a run's end: its outcomes, the state they carry, and the commands that end it. */
public abstract class RunVerification extends MqttEventLoopVerification {

  /** For subclasses, which write {@link #createLoop}. */
  protected RunVerification() {}

  /** A completed run leaves the loop connected, ready for the next run. */
  @Test
  public void required_aCompletedRunLeavesTheLoopReadyForAnother() {
    MqttEventLoop loop = connectedLoop(brokerOptions().build());

    Outcome first = await(loop.run(Sources.from(NumberedPublishes.of(10, QoS.AT_LEAST_ONCE))),
        "the first run");
    Outcome second = await(loop.run(Sources.from(NumberedPublishes.of(10, QoS.EXACTLY_ONCE))),
        "the second run");

    assertInstanceOf(Outcome.Completed.class, first);
    assertInstanceOf(Outcome.Completed.class, second);
  }

  /**
   * A second run while one is going fails at once, taking nothing from its source, and the first
   * goes on unharmed.
   */
  @Test
  public void required_aRunWhileAnotherIsGoingFails() {
    ScriptedBroker scripted = scriptedBroker().holdAcks();
    MqttEventLoop loop = connectedLoop(scriptedOptions().build());
    CompletionStage<Outcome> first = loop.run(Sources.from(
        NumberedPublishes.of(1, QoS.AT_LEAST_ONCE)));
    awaitPublishes(scripted, 1);

    Subscribe refusedRequest = Subscribe.to("refused", QoS.AT_MOST_ONCE);
    Throwable failure = awaitFailure(loop.run(Sources.from(List.of(refusedRequest))),
        "a second run");

    assertInstanceOf(IllegalStateException.class, failure);
    assertPending(refusedRequest.completion(), "a request the refused run never took");
    scripted.releaseAllAcks();
    assertInstanceOf(Outcome.Completed.class, await(first, "the first run"));
  }

  /** Shutdown ends the run at once; the state lists the unacknowledged requests in order. */
  @Test
  public void required_shutdownReportsEveryUnacknowledgedRequestInOrder() {
    ScriptedBroker scripted = scriptedBroker().holdAcks();
    MqttEventLoop loop = connectedLoop(scriptedOptions().maxInflight(5).build());
    List<Publish> publishes = NumberedPublishes.of(8, QoS.AT_LEAST_ONCE);
    CompletionStage<Outcome> run = loop.run(Sources.from(publishes));
    awaitPublishes(scripted, 5);
    scripted.releaseAcks(2);
    awaitPublishes(scripted, 7);
    await(publishes.get(1).completion(), "the second publish, acknowledged");

    Outcome.ShutDown outcome = await(loop.execute(Command.shutdown()), "shutdown");

    assertSame(outcome, await(run, "the run"), "the run ends with the shutdown's outcome");
    assertStateHoldsInOrder(outcome.state(), publishes, 2, 5, scripted);
    scripted.awaitClientClosed(stageTimeout());
    assertTrue(scripted.received(MqttMessageType.DISCONNECT).isEmpty(),
        "shutdown closes without DISCONNECT");
  }

  /** Disconnect sends DISCONNECT, closes, and reports what is unacknowledged (3.14.4-1, -2). */
  @Test
  public void required_MQTT_3_14_4_1_disconnectSendsDisconnectThenCloses() {
    ScriptedBroker scripted = scriptedBroker().holdAcks();
    MqttEventLoop loop = connectedLoop(scriptedOptions().maxInflight(4).build());
    List<Publish> publishes = NumberedPublishes.of(6, QoS.EXACTLY_ONCE);
    CompletionStage<Outcome> run = loop.run(Sources.from(publishes));
    awaitPublishes(scripted, 4);

    Outcome.Disconnected outcome = await(loop.execute(Command.disconnect()), "disconnect");

    assertSame(outcome, await(run, "the run"), "the run ends with the disconnect's outcome");
    assertStateHoldsInOrder(outcome.state(), publishes, 0, 4, scripted);
    scripted.awaitClientClosed(stageTimeout());
    List<ReceivedPacket> received = scripted.received();
    assertTrue(received.get(received.size() - 1).is(MqttMessageType.DISCONNECT),
        "DISCONNECT is the last packet the client sends: " + received);
  }

  /** A lost connection fails the run with the state, and fails none of its requests. */
  @Test
  public void required_aLostConnectionFailsTheRunWithTheState() {
    ScriptedBroker scripted = scriptedBroker().holdAcks();
    MqttEventLoop loop = connectedLoop(scriptedOptions().maxInflight(3).build());
    List<Publish> publishes = NumberedPublishes.of(3, QoS.AT_LEAST_ONCE);
    CompletionStage<Outcome> run = loop.run(Sources.from(publishes));
    awaitPublishes(scripted, 3);

    scripted.cut();

    Throwable failure = awaitFailure(run, "the run after the connection was cut");
    ConnectionLostException lost = assertInstanceOf(ConnectionLostException.class, failure);
    assertStateHoldsInOrder(lost.state(), publishes, 0, 3, scripted);
    assertInstanceOf(MqttClosedException.class,
        awaitFailure(loop.execute(Command.disconnect()), "disconnect after the loss"));
  }

  /** A source that fails ends the run with its error, once what it gave is acknowledged. */
  @Test
  public void required_aFailingSourceFailsTheRunAfterItsRequestsAreAcknowledged() {
    MqttEventLoop loop = connectedLoop(brokerOptions().build());
    List<Publish> given = NumberedPublishes.of(3, QoS.AT_LEAST_ONCE);
    IllegalStateException sourceError = new IllegalStateException("the source broke");

    Throwable failure = awaitFailure(loop.run(Sources.from(failingAfter(given, sourceError))),
        "a run whose source fails");

    SourceFailedException failed = assertInstanceOf(SourceFailedException.class, failure);
    assertSame(sourceError, failed.getCause());
    assertTrue(failed.state().isEmpty(), "what the source gave was acknowledged");
    for (Publish publish : given) {
      await(publish.completion(), "a publish the source gave before failing");
    }
  }

  /**
   * A new loop started from a state resends what was in flight, with DUP set and the same packet
   * ids, when the broker still holds the session, and completes the original stages (4.4.0-1).
   */
  @Test
  public void required_MQTT_4_4_0_1_aNewLoopResendsTheStateWithItsIdsWhenTheSessionIsPresent() {
    ScriptedBroker scripted = scriptedBroker().holdAcks();
    String clientId = newClientId();
    List<Publish> publishes = NumberedPublishes.of(2, QoS.AT_LEAST_ONCE);
    MqttState state = stateWithHeldAcks(scripted, clientId, publishes);
    List<Integer> ids = packetIds(state);

    scripted.ackAutomatically().connack(ConnackScript.acceptWithSessionPresent());
    MqttEventLoop second = newLoop(scriptedOptions().clientId(clientId).cleanSession(false)
        .build(), state);
    await(second.connect(), "connect from the state");

    for (Publish publish : publishes) {
      assertSame(publish, await(publish.completion(), "a resumed publish's original stage"));
    }
    List<ReceivedPacket> resent = awaitPublishes(scripted, 4).subList(2, 4);
    for (int i = 0; i < resent.size(); i++) {
      assertEquals(ids.get(i), resent.get(i).packetId(), "a resent publish keeps its id");
      assertTrue(resent.get(i).message().fixedHeader().isDup(), "a resent publish has DUP 1");
    }
  }

  /**
   * When the broker holds no session, a new loop sends what was in flight again as new publishes,
   * and fails a QoS 2 publish whose PUBREC had arrived: the broker dropped it with the session, or
   * delivered it, and sending it anew could deliver it twice (MQTT-3.1.2-6).
   */
  @Test
  public void required_MQTT_3_1_2_6_aFreshSessionSendsTheStateAnewAndFailsReleasedQos2() {
    ScriptedBroker scripted = scriptedBroker().holdAcks();
    Publish released = NumberedPublishes.numbered(0, QoS.EXACTLY_ONCE);
    Publish unacknowledged = NumberedPublishes.numbered(1, QoS.AT_LEAST_ONCE);
    MqttOptions options = scriptedOptions().build();
    MqttEventLoop first = connectedLoop(options);
    first.run(Sources.from(List.of(released, unacknowledged)));
    awaitPublishes(scripted, 2);
    scripted.releaseAck(scripted.received(MqttMessageType.PUBLISH).get(0).packetId());
    scripted.awaitPacket(MqttMessageType.PUBREL, stageTimeout());
    MqttState state = await(first.execute(Command.shutdown()), "shutdown").state();
    assertTrue(state.inFlight().get(0).released(), "the QoS 2 publish was released: " + state);

    scripted.ackAutomatically();
    MqttEventLoop second = newLoop(options, state);
    await(second.connect(), "connect to a broker without the session");

    assertInstanceOf(SessionLostException.class,
        awaitFailure(released.completion(), "the released QoS 2 publish"));
    assertSame(unacknowledged, await(unacknowledged.completion(), "the QoS 1 publish"));
    ReceivedPacket resent = awaitPublishes(scripted, 3).get(2);
    assertEquals(1, NumberedPublishes.numberOf(resent.payload()));
    assertFalse(resent.message().fixedHeader().isDup(), "sent anew, as a first delivery");
    assertEquals(1, scripted.received(MqttMessageType.PUBREL).size(),
        "no PUBREL goes to a broker that holds no session");
  }

  /** A connection lost between runs leaves the state to a shutdown, which returns it. */
  @Test
  public void required_aConnectionLostBetweenRunsLeavesTheStateToShutdown() {
    ScriptedBroker scripted = scriptedBroker().holdAcks();
    String clientId = newClientId();
    List<Publish> publishes = NumberedPublishes.of(2, QoS.AT_LEAST_ONCE);
    MqttState state = stateWithHeldAcks(scripted, clientId, publishes);
    scripted.connack(ConnackScript.acceptWithSessionPresent());
    MqttEventLoop second = newLoop(scriptedOptions().clientId(clientId).cleanSession(false)
        .build(), state);
    await(second.connect(), "connect from the state");
    awaitPublishes(scripted, 4);

    scripted.cut();
    Awaitility.await("the loop sees the loss").atMost(stageTimeout()).pollInSameThread()
        .until(() -> second.run(Sources.from(List.of())).toCompletableFuture()
            .handle((outcome, error) -> error instanceof MqttClosedException).join());

    Throwable closed = awaitFailure(second.execute(Command.disconnect()), "disconnect");
    assertEquals(publishes, assertInstanceOf(MqttClosedException.class, closed).state()
        .requests(), "a closed loop's exception carries its state");
    Outcome.ShutDown outcome = await(second.execute(Command.shutdown()), "shutdown");
    assertEquals(publishes, outcome.state().requests());
  }

  /**
   * The state of a loop shut down mid-stream, written to a file and read back, starts a fresh
   * loop that delivers every message the first did not: a subscriber sees all of them. The
   * proxy holds the last messages the first loop sent, so only the file can deliver them. Not
   * verified for a transport that cannot run through the fault proxy.
   */
  @Test
  public void required_aStateSavedToAFileResumesInAFreshLoop(@TempDir Path directory)
      throws IOException {
    assumeFaultProxy();
    String topic = "mqttloop/tck/" + newClientId() + "/saved";
    RecordingSubscriber inbox = subscribedInbox(topic, QoS.AT_LEAST_ONCE);
    List<Publish> publishes = NumberedPublishes.of(1_000, QoS.AT_LEAST_ONCE, topic);
    MqttOptions options = proxiedOptions().maxInflight(10).build();
    MqttState stopped = stateOfALoopStoppedAfter(310, publishes, options);
    assertEquals(10, stopped.requests().size(),
        "the ten the proxy held are in the state");

    MqttState saved = writtenAndReadBack(stopped, directory.resolve("state"));
    MqttOptions direct = options.toBuilder().broker(broker().host(), brokerPort()).build();
    MqttEventLoop fresh = connectedLoop(direct, saved);
    await(fresh.run(Sources.from(publishes.subList(310, publishes.size()))), "the rest");

    inbox.awaitEveryNumberBelow(publishes.size(), stageTimeout());
  }

  /**
   * Runs {@code publishes} through the fault proxy until 300 are acknowledged, stalls the proxy,
   * hands the loop ten more and shuts it down: they never reach the broker.
   */
  private MqttState stateOfALoopStoppedAfter(
      int handedOver, List<Publish> publishes, MqttOptions options) {
    MqttEventLoop first = connectedLoop(options);
    SubmissionPublisher<Request> source = new SubmissionPublisher<>(Runnable::run, 1_024);
    first.run(source);
    publishes.subList(0, 300).forEach(source::submit);
    await(publishes.get(299).completion(), "the first 300");

    faultProxy().stall();
    publishes.subList(300, handedOver).forEach(source::submit);
    Awaitility.await("the loop took the ten").atMost(stageTimeout()).pollInSameThread()
        .until(() -> source.estimateMaximumLag() == 0);
    MqttState stopped = await(first.execute(Command.shutdown()), "shutdown").state();
    faultProxy().cut();
    return stopped;
  }

  private static MqttState writtenAndReadBack(MqttState state, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      state.writeTo(out);
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      return MqttState.readFrom(in);
    }
  }

  /**
   * A source that hands its requests over on a thread of its own, after the loop's call for them
   * has returned, is asked for more all the same: a run of 1,000 QoS 0 publishes completes.
   */
  @Test
  public void required_aSourceOnAnotherThreadIsAskedForMore() {
    MqttEventLoop loop = connectedLoop(brokerOptions().build());
    SubmissionPublisher<Request> source =
        new SubmissionPublisher<>(executor(), 1_024);
    CompletionStage<Outcome> run = loop.run(source);
    NumberedPublishes.of(1_000, QoS.AT_MOST_ONCE).forEach(source::submit);
    source.close();

    assertInstanceOf(Outcome.Completed.class, await(run, "a run fed from another thread"));
  }

  /**
   * A run still going at its deadline fails with a timeout whose state holds, in order, every
   * request not acknowledged; the loop disconnects, and those requests' stages stay pending.
   */
  @Test
  public void required_aRunPastItsDeadlineFailsWithTheStateAndDisconnects() {
    ScriptedBroker scripted = scriptedBroker().holdAcks();
    MqttEventLoop loop = connectedLoop(scriptedOptions().maxInflight(5).build());
    List<Publish> publishes = NumberedPublishes.of(10, QoS.AT_LEAST_ONCE);

    Throwable failure = awaitFailure(
        loop.run(Sources.from(publishes), Duration.ofMillis(300)), "a run past its deadline");

    MqttRunTimeoutException timeout = assertInstanceOf(MqttRunTimeoutException.class, failure);
    assertEquals(publishes.subList(0, 5), timeout.state().requests());
    scripted.awaitPacket(MqttMessageType.DISCONNECT, stageTimeout());
    publishes.forEach(publish -> assertPending(publish.completion(), publish.toString()));
  }

  /** A deadline that is not positive, or over a day, is refused by name. */
  @Test
  public void required_aDeadlineOutOfRangeIsRefused() {
    MqttEventLoop loop = connectedLoop(brokerOptions().build());
    for (Duration bad : List.of(Duration.ZERO, Duration.ofMillis(-1), Duration.ofDays(2))) {
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
          () -> loop.run(Sources.from(List.of()), bad));
      assertTrue(refused.getMessage().startsWith("deadline must be within"),
          refused.getMessage());
    }
  }

  /**
   * A callback on a request's stage that throws breaks nothing else: the other callbacks run,
   * the run goes on and completes, and every stage succeeds.
   */
  @Test
  public void required_aCallbackThatThrowsBreaksNothingElse() {
    MqttEventLoop loop = connectedLoop(brokerOptions().build());
    List<Publish> publishes = NumberedPublishes.of(100, QoS.AT_LEAST_ONCE);
    List<Publish> heard = new CopyOnWriteArrayList<>();
    // Every tenth callback throws: enough to show nothing breaks, few enough to keep the log
    // short where the transport logs each throw.
    for (int i = 0; i < publishes.size(); i++) {
      Publish publish = publishes.get(i);
      if (i % 10 == 0) {
        publish.completion().thenRun(() -> {
          throw new IllegalStateException("a broken callback, thrown on purpose by the TCK");
        });
      }
      publish.completion().thenAccept(heard::add);
    }

    Outcome outcome = await(loop.run(Sources.from(publishes)), "a run with broken callbacks");

    assertInstanceOf(Outcome.Completed.class, outcome);
    assertEquals(publishes, heard);
  }

  /**
   * A source's requests keep their order whichever thread hands them over: the first from a
   * thread of the test's executor, the second from the loop's thread, inside its request().
   */
  @Test
  public void required_requestsKeepTheirOrderAcrossThreads() {
    ScriptedBroker scripted = scriptedBroker();
    MqttEventLoop loop = connectedLoop(scriptedOptions().build());
    List<Publish> publishes = NumberedPublishes.of(2, QoS.AT_LEAST_ONCE);
    Flow.Publisher<Request> twoThreads = subscriber -> subscriber.onSubscribe(
        new Flow.Subscription() {
          private boolean sent;

          @Override
          public void request(long n) {
            if (sent) {
              return;
            }
            sent = true;
            CompletableFuture.runAsync(() -> subscriber.onNext(publishes.get(0)), executor())
                .join();
            subscriber.onNext(publishes.get(1));
            subscriber.onComplete();
          }

          @Override
          public void cancel() { }
        });

    await(loop.run(twoThreads), "a run fed from two threads");

    List<Integer> order = awaitPublishes(scripted, 2).stream()
        .map(packet -> NumberedPublishes.numberOf(packet.payload())).toList();
    assertEquals(List.of(0, 1), order, "the order the source sent them in");
  }

  /** A source that sends a null request fails the run with SourceFailedException, not hangs. */
  @Test
  public void required_aSourceThatSendsNullFailsTheRun() {
    MqttEventLoop loop = connectedLoop(brokerOptions().build());
    Flow.Publisher<Request> sendsNull = subscriber -> subscriber.onSubscribe(
        new Flow.Subscription() {
          @Override
          public void request(long n) {
            subscriber.onNext(null);
          }

          @Override
          public void cancel() { }
        });

    SourceFailedException failed = assertInstanceOf(SourceFailedException.class,
        awaitFailure(loop.run(sendsNull), "a run whose source sends null"));

    assertInstanceOf(NullPointerException.class, failed.getCause());
  }

  /** A source whose request() throws fails the run with that error, not hangs. */
  @Test
  public void required_aSourceWhoseRequestThrowsFailsTheRun() {
    MqttEventLoop loop = connectedLoop(brokerOptions().build());
    IllegalStateException exploded = new IllegalStateException("request exploded");
    Flow.Publisher<Request> throwing = subscriber -> subscriber.onSubscribe(
        new Flow.Subscription() {
          @Override
          public void request(long n) {
            throw exploded;
          }

          @Override
          public void cancel() { }
        });

    SourceFailedException failed = assertInstanceOf(SourceFailedException.class,
        awaitFailure(loop.run(throwing), "a run whose source's request throws"));

    assertSame(exploded, failed.getCause());
  }

  /** Runs and commands on a closed loop fail with its state; a shutdown returns the state. */
  @Test
  public void required_aClosedLoopRefusesRunsAndCommandsButKeepsItsState() {
    MqttEventLoop loop = connectedLoop(brokerOptions().build());
    Outcome.Disconnected disconnected = await(loop.execute(Command.disconnect()), "disconnect");

    Throwable again = awaitFailure(loop.execute(Command.disconnect()), "a second disconnect");
    Throwable run = awaitFailure(loop.run(Sources.from(List.of())), "a run after disconnect");
    Outcome.ShutDown shutDown = await(loop.execute(Command.shutdown()), "a shutdown after it");

    assertEquals(disconnected.state(),
        assertInstanceOf(MqttClosedException.class, again).state());
    assertInstanceOf(MqttClosedException.class, run);
    assertEquals(disconnected.state(), shutDown.state());
  }

  /** A source that throws an Error from subscribe fails the run instead of leaving it hanging. */
  @Test
  public void required_aSourceThatThrowsFromSubscribeFailsTheRun() {
    MqttEventLoop loop = connectedLoop(brokerOptions().build());
    AssertionError broken = new AssertionError("subscribe broke");
    Flow.Publisher<Request> throwing = subscriber -> {
      throw broken;
    };

    Throwable failure = awaitFailure(loop.run(throwing), "a run whose source throws");

    assertSame(broken, assertInstanceOf(SourceFailedException.class, failure).getCause());
    assertInstanceOf(Outcome.Completed.class,
        await(loop.run(Sources.from(List.of())), "the next run"));
  }

  private MqttState stateWithHeldAcks(
      ScriptedBroker scripted, String clientId, List<Publish> publishes) {
    MqttEventLoop first = connectedLoop(scriptedOptions().clientId(clientId).cleanSession(false)
        .maxInflight(publishes.size()).build());
    first.run(Sources.from(publishes));
    awaitPublishes(scripted, publishes.size());
    return await(first.execute(Command.shutdown()), "shutdown").state();
  }

  /**
   * Asserts that {@code state} lists, in order, the publishes from {@code first} on, at least
   * {@code least} of them (a loop may have taken more from the source than it sent), that its
   * ids in flight are ids the broker saw, and that none of their stages completed.
   */
  private static void assertStateHoldsInOrder(
      MqttState state, List<Publish> publishes, int first, int least, ScriptedBroker scripted) {
    List<Request> pending = state.requests();
    assertTrue(pending.size() >= least && first + pending.size() <= publishes.size(),
        "the state lists at least " + least + " pending requests: " + pending);
    assertEquals(publishes.subList(first, first + pending.size()), pending,
        "the state lists the pending requests in the order of the source");
    List<Integer> sentIds = new ArrayList<>();
    for (ReceivedPacket packet : scripted.received(MqttMessageType.PUBLISH)) {
      sentIds.add(packet.packetId());
    }
    for (MqttState.InFlight entry : state.inFlight()) {
      assertTrue(sentIds.contains(entry.packetId()),
          "packet id " + entry.packetId() + " in the state was sent: " + sentIds);
    }
    for (Request request : pending) {
      assertPending(request.completion(), "the stage of a pending " + request);
    }
  }

  private static List<Integer> packetIds(MqttState state) {
    List<Integer> ids = new ArrayList<>();
    state.inFlight().forEach(entry -> ids.add(entry.packetId()));
    return ids;
  }

  private static Iterable<Request> failingAfter(List<Publish> given, RuntimeException error) {
    return () -> new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Request next() {
        if (next == given.size()) {
          throw error;
        }
        return given.get(next++);
      }
    };
  }
}
