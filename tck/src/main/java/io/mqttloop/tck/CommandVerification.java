package io.mqttloop.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttloop.Command;
import io.mqttloop.Connected;
import io.mqttloop.MqttEventLoop;
import io.mqttloop.Outcome;
import io.mqttloop.Publish;
import io.mqttloop.QoS;
import io.mqttloop.Request;
import io.mqttloop.Sources;
import io.mqttloop.tck.scripted.ConnackScript;
import io.mqttloop.tck.scripted.ReceivedPacket;
import io.mqttloop.tck.scripted.ScriptedBroker;
import io.netty.handler.codec.mqtt.MqttMessageType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.SubmissionPublisher;
import org.junit.jupiter.api.Test;

/**
 * Rules of the commands that steer a running loop: pause, resume, throttle, reconnect and the
 * disconnect that waits for what is in flight.
 */
public abstract class CommandVerification extends MqttEventLoopVerification {
  /** How far a throttled rate may stray from the one set. */
  private static final double RATE_TOLERANCE = 0.10;

  /** For subclasses, which write {@link #createLoop}. */
  protected CommandVerification() {}

  /**
   * A paused loop sends nothing new, stays connected past two keep-alive intervals with its
   * PINGREQs, and once resumed sends the rest: the run completes.
   */
  @Test
  public void required_aPausedLoopSendsNothingNewAndStaysConnected() {
    ScriptedBroker scripted = scriptedBroker();
    MqttEventLoop loop = connectedLoop(scriptedOptions().keepAliveSeconds(1).build());
    SubmissionPublisher<Request> source = new SubmissionPublisher<>(Runnable::run, 1_024);
    CompletionStage<Outcome> run = loop.run(source);
    List<Publish> publishes = NumberedPublishes.of(200, QoS.AT_LEAST_ONCE);
    publishes.subList(0, 100).forEach(source::submit);
    await(publishes.get(99).completion(), "the first hundred");

    await(loop.execute(Command.pause()), "pause");
    publishes.subList(100, 200).forEach(source::submit);
    int pingsBefore = scripted.received(MqttMessageType.PINGREQ).size();
    awaitPings(scripted, pingsBefore + 1);
    int sentWhilePaused = scripted.received(MqttMessageType.PUBLISH).size();
    awaitPings(scripted, pingsBefore + 3);

    assertEquals(sentWhilePaused, scripted.received(MqttMessageType.PUBLISH).size(),
        "publishes sent while paused");
    assertEquals(100, sentWhilePaused, "nothing new after the pause");
    assertEquals(1, scripted.connectionCount(), "still the first connection");
    await(loop.execute(Command.resume()), "resume");
    source.close();
    assertInstanceOf(Outcome.Completed.class, await(run, "the run, resumed"));
  }

  /**
   * A throttle of 100 publishes a second holds within 10% over five seconds, and a change to
   * 200 a second is followed, over two seconds.
   */
  @Test
  public void required_aThrottleCapsTheRateAndFollowsAChange() {
    MqttEventLoop loop = connectedLoop(scriptedOptions().build());
    scriptedBroker();
    await(loop.execute(Command.throttle(100)), "throttle at 100/s");
    SubmissionPublisher<Request> source = new SubmissionPublisher<>(Runnable::run, 1_024);
    List<Publish> publishes = NumberedPublishes.of(920, QoS.AT_MOST_ONCE);
    loop.run(source);
    publishes.forEach(source::submit);
    source.close();

    double slow = rateBetween(publishes.get(10), publishes.get(510), 500);
    await(loop.execute(Command.throttle(200)), "throttle at 200/s");
    double fast = rateBetween(publishes.get(519), publishes.get(919), 400);

    assertNear(100, slow);
    assertNear(200, fast);
  }

  /**
   * A disconnect waits until what is in flight is acknowledged, then sends DISCONNECT: its
   * outcome's state is empty, and DISCONNECT comes after the PUBACKs were sent.
   */
  @Test
  public void required_aDisconnectWaitsForTheInFlightAcks() {
    ScriptedBroker scripted = scriptedBroker().holdAcks();
    MqttEventLoop loop = connectedLoop(scriptedOptions().build());
    List<Publish> publishes = NumberedPublishes.of(3, QoS.AT_LEAST_ONCE);
    CompletionStage<Outcome> run = loop.run(Sources.from(publishes));
    scripted.awaitHeldAcks(3, stageTimeout());

    CompletionStage<Outcome.Disconnected> disconnected = loop.execute(Command.disconnect());
    await(loop.execute(Command.resume()), "a command after the disconnect, which has begun");
    assertPending(disconnected, "the disconnect, with three acks held");
    scripted.releaseAllAcks();

    Outcome.Disconnected outcome = await(disconnected, "the disconnect");
    assertTrue(outcome.state().isEmpty(), "nothing left: " + outcome.state());
    publishes.forEach(publish -> await(publish.completion(), publish.toString()));
    assertInstanceOf(Outcome.Disconnected.class, await(run, "the run"));
    scripted.awaitPacket(MqttMessageType.DISCONNECT, stageTimeout());
  }

  /**
   * A disconnect whose acks do not come within its drain timeout goes ahead: its state holds
   * what is still in flight, in order.
   */
  @Test
  public void required_aDisconnectGoesAheadAfterItsDrainTimeout() {
    ScriptedBroker scripted = scriptedBroker().holdAcks();
    MqttEventLoop loop = connectedLoop(scriptedOptions().build());
    List<Publish> publishes = NumberedPublishes.of(3, QoS.AT_LEAST_ONCE);
    loop.run(Sources.from(publishes));
    scripted.awaitHeldAcks(3, stageTimeout());

    Outcome.Disconnected outcome = await(
        loop.execute(Command.disconnect(Duration.ofMillis(200))), "the disconnect");

    assertEquals(publishes, outcome.state().requests());
    scripted.awaitPacket(MqttMessageType.DISCONNECT, stageTimeout());
  }

  /**
   * A reconnect command drops the connection and connects again at once, even with a policy
   * that never reconnects; the resumed session gets what was in flight again, with DUP.
   */
  @Test
  public void required_aReconnectCommandResumesTheSession() {
    ScriptedBroker scripted = scriptedBroker().holdAcks()
        .connacks(ConnackScript.accept(), ConnackScript.acceptWithSessionPresent());
    MqttEventLoop loop = connectedLoop(scriptedOptions().cleanSession(false).build());
    List<Publish> publishes = NumberedPublishes.of(2, QoS.AT_LEAST_ONCE);
    CompletionStage<Outcome> run = loop.run(Sources.from(publishes));
    scripted.awaitHeldAcks(2, stageTimeout());

    Connected connected = await(loop.execute(Command.reconnect()), "the reconnect");

    assertTrue(connected.sessionPresent(), "the session was resumed");
    scripted.awaitPacket(p -> p.connection() == 1 && p.is(MqttMessageType.PUBLISH)
        && p.packetId() == 2, stageTimeout());
    List<ReceivedPacket> resent = scripted.received(MqttMessageType.PUBLISH).stream()
        .filter(p -> p.connection() == 1).toList();
    assertTrue(resent.stream().allMatch(p -> p.message().fixedHeader().isDup()),
        "resent with DUP: " + resent);
    scripted.releaseAllAcks();
    assertInstanceOf(Outcome.Completed.class, await(run, "the run, across the reconnect"));
  }

  /**
   * The throttle holds for what a reconnect resends too: twenty publishes in flight, resent at
   * twenty a second, take most of a second to go out again, not a moment.
   */
  @Test
  public void required_aThrottleHoldsForTheResendsAfterAReconnect() {
    ScriptedBroker scripted = scriptedBroker().holdAcks()
        .connacks(ConnackScript.accept(), ConnackScript.acceptWithSessionPresent());
    MqttEventLoop loop = connectedLoop(scriptedOptions().cleanSession(false).build());
    loop.run(Sources.from(NumberedPublishes.of(20, QoS.AT_LEAST_ONCE)));
    scripted.awaitHeldAcks(20, stageTimeout());
    await(loop.execute(Command.throttle(20)), "throttle at 20/s");

    await(loop.execute(Command.reconnect()), "the reconnect");
    long reconnected = System.nanoTime();
    scripted.awaitPackets(20,
        p -> p.connection() == 1 && p.is(MqttMessageType.PUBLISH), stageTimeout());
    Duration resending = Duration.ofNanos(System.nanoTime() - reconnected);

    assertTrue(resending.compareTo(Duration.ofMillis(750)) >= 0,
        "20 resends at 20/s took " + resending + ", less than 19 intervals of 50 ms allow");
  }

  /**
   * A faster throttle is in force once its stage completes: the publish the slow pace had put
   * two seconds off goes at once.
   */
  @Test
  public void required_aFasterThrottleIsInForceAtOnce() {
    MqttEventLoop loop = connectedLoop(scriptedOptions().build());
    scriptedBroker();
    await(loop.execute(Command.throttle(0.5)), "throttle at one every two seconds");
    List<Publish> publishes = NumberedPublishes.of(2, QoS.AT_MOST_ONCE);
    loop.run(Sources.from(publishes));
    await(publishes.get(0).completion(), "the first publish");

    await(loop.execute(Command.throttle(100)), "throttle at 100/s");
    long faster = System.nanoTime();
    await(publishes.get(1).completion(), "the second publish");

    Duration waited = Duration.ofNanos(System.nanoTime() - faster);
    assertTrue(waited.compareTo(Duration.ofSeconds(1)) < 0,
        "the second publish waited " + waited + " under a pace of 100/s");
  }

  private void awaitPings(ScriptedBroker scripted, int count) {
    scripted.awaitPackets(count, ReceivedPacket.ofType(MqttMessageType.PINGREQ), stageTimeout());
  }

  /** Publishes per second: {@code count} of them from {@code first} to {@code last}. */
  private double rateBetween(Publish first, Publish last, int count) {
    long start = completedAt(first);
    long end = completedAt(last);
    return count * 1e9 / (end - start);
  }

  private long completedAt(Publish publish) {
    await(publish.completion(), publish.toString());
    return System.nanoTime();
  }

  private static void assertNear(double expected, double actual) {
    assertTrue(Math.abs(actual - expected) <= expected * RATE_TOLERANCE,
        "a rate of " + actual + "/s, more than 10% from " + expected + "/s");
  }
}
