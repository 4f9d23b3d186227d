package io.mqttloop.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttloop.Command;
import io.mqttloop.LifecycleEvent;
import io.mqttloop.MqttEventLoop;
import io.mqttloop.Publish;
import io.mqttloop.QoS;
import io.mqttloop.ReconnectPolicy;
import io.mqttloop.Request;
import io.mqttloop.Sources;
import io.mqttloop.Subscribe;
import io.mqttloop.tck.proxy.FaultProxy;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Rules of a link that fails as networks do, between the loop and the real broker, through the
 * {@link FaultProxy}: a link that goes silent without closing, a slow link, a cut mid-stream.
 * They are optional: a transport that cannot run through a TCP proxy declares so with
 * {@link #supportsFaultProxy()}, and they are skipped.
 */
public abstract class LinkFaultVerification extends MqttEventLoopVerification {
  /** What the timers of a loop and of the test may be late by, on a busy machine. */
  private static final Duration SCHEDULING_SLACK = Duration.ofMillis(500);

  /** For subclasses, which write {@link #createLoop}. */
  protected LinkFaultVerification() {}

  /**
   * A link that stops carrying packets without closing (half-open) is found dead within one and
   * a half keep-alive intervals: a PINGREQ when nothing was read for the interval, and no sign
   * of life for a whole one.
   */
  @Test
  public void optional_aHalfOpenLinkIsFoundWithinOneAndAHalfKeepAlives() {
    assumeFaultProxy();
    assertHalfOpenFoundInTime(List.of());
  }

  /**
   * A half-open link is found in time under a steady QoS 0 stream too, whose publishes fill
   * every buffer on the way, so that the PINGREQ itself never leaves the client.
   */
  @Test
  public void optional_aHalfOpenLinkIsFoundUnderASteadyQos0Stream() {
    assumeFaultProxy();
    assertHalfOpenFoundInTime(NumberedPublishes.endless(QoS.AT_MOST_ONCE));
  }

  private void assertHalfOpenFoundInTime(Iterable<? extends Request> stream) {
    Duration keepAlive = Duration.ofSeconds(2);
    List<Long> lostAt = new CopyOnWriteArrayList<>();
    MqttEventLoop loop = connectedLoop(proxiedOptions()
        .keepAliveSeconds((int) keepAlive.toSeconds())
        .lifecycleListener(event -> {
          if (event instanceof LifecycleEvent.ConnectionLost) {
            lostAt.add(System.nanoTime());
          }
        }).build());
    loop.run(Sources.from(stream));

    long stalledAt = System.nanoTime();
    faultProxy().stall();

    Duration bound = keepAlive.multipliedBy(3).dividedBy(2);
    Awaitility.await("the loss found").atMost(bound.plus(SCHEDULING_SLACK).multipliedBy(2))
        .pollInSameThread().until(() -> !lostAt.isEmpty());
    Duration found = Duration.ofNanos(lostAt.get(0) - stalledAt);
    assertTrue(found.compareTo(bound.plus(SCHEDULING_SLACK)) <= 0,
        "found after " + found + ", more than 1.5 keep-alives (" + bound + ")");
  }

  /**
   * A message that takes three keep-alive intervals to cross a slow link, each way, does not
   * make the healthy connection look dead: it is acknowledged and received on the first
   * connection.
   */
  @Test
  public void optional_aLargePayloadOnASlowLinkDoesNotLookDead() {
    assumeFaultProxy();
    Assumptions.assumeFalse(transport().isWebSocket(), "mosquitto 2.0's WebSocket listener moves"
        + " some 40 kB/s and counts a client alive only once a whole packet has arrived, so it"
        + " cuts a slow large packet itself, whatever the client does");
    String topic = "mqttloop/tck/" + newClientId() + "/large";
    List<LifecycleEvent> heard = new CopyOnWriteArrayList<>();
    RecordingSubscriber inbox = RecordingSubscriber.takingAll();
    MqttEventLoop loop = newLoop(proxiedOptions().keepAliveSeconds(2)
        .lifecycleListener(heard::add).build());
    loop.messages().subscribe(inbox);
    connect(loop);
    await(loop.run(Sources.from(List.of(Subscribe.to(topic, QoS.AT_LEAST_ONCE)))), "subscribe");

    faultProxy().throttle(512 * 1024);
    byte[] payload = new byte[3 * 1024 * 1024];
    Arrays.fill(payload, (byte) 'x');
    Publish large = Publish.of(topic, payload, QoS.AT_LEAST_ONCE);
    await(loop.run(Sources.from(List.of(large))), "the large message, through a slow link");
    inbox.awaitCount(1, stageTimeout());

    assertEquals(payload.length, inbox.received().get(0).payloadBytes().length);
    assertEquals(1, faultProxy().connectionCount(), "one connection; heard " + heard);
    assertTrue(heard.stream().noneMatch(LifecycleEvent.ConnectionLost.class::isInstance),
        "no loss heard: " + heard);
  }

  /**
   * Cuts of the link in the middle of a QoS 1 stream lose nothing: the loop reconnects, resumes
   * its session, every publish stage succeeds and a subscriber receives every message. The stream
   * is throttled to 2,000 publishes a second, so that each cut, made once a given publish is
   * acknowledged, finds the connection that followed the last cut rather than the reconnect.
   */
  @Test
  public void optional_cutsMidStreamLoseNothing() {
    assumeFaultProxy();
    assumeMosquitto("Moquette 0.17's session loop fails on a publish resent into a resumed"
        + " session after a cut (IllegalArgumentException from a ByteBuf's retain) and stops,"
        + " deaf to every client from then on");
    String topic = "mqttloop/tck/" + newClientId() + "/cuts";
    RecordingSubscriber inbox = subscribedInbox(topic, QoS.AT_LEAST_ONCE);
    List<Publish> publishes = NumberedPublishes.of(2_000, QoS.AT_LEAST_ONCE, topic);
    MqttEventLoop loop = connectedLoop(proxiedOptions().cleanSession(false)
        .reconnect(ReconnectPolicy.afterFirstConnect()
            .withDelays(Duration.ofMillis(20), Duration.ofMillis(200)))
        .build());
    await(loop.execute(Command.throttle(2_000)), "a throttle of 2,000 publishes a second");

    CompletionStage<?> run = loop.run(Sources.from(publishes));
    for (int cut = 1; cut <= 3; cut++) {
      await(publishes.get(cut * 500).completion(), "publish " + cut * 500);
      faultProxy().cut();
    }
    await(run, "the run, across three cuts");

    Awaitility.await("reconnected after each cut (the last may come after the run ended)")
        .atMost(stageTimeout()).until(() -> faultProxy().connectionCount() >= 4);
    inbox.awaitEveryNumberBelow(publishes.size(), stageTimeout());
  }
}
