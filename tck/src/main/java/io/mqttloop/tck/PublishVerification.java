package io.mqttloop.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.mqttloop.MqttEventLoop;
import io.mqttloop.Outcome;
import io.mqttloop.PacketTooLargeException;
import io.mqttloop.Publish;
import io.mqttloop.QoS;
import io.mqttloop.Request;
import io.mqttloop.Sources;
import io.mqttloop.tck.scripted.ReceivedPacket;
import io.mqttloop.tck.scripted.ScriptedBroker;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Rules of publishing: when each stage completes, the inflight window, order and packet ids. */
public abstract class PublishVerification extends MqttEventLoopVerification {
  private static final Duration QUIET = Duration.ofMillis(300);

  /** For subclasses, which write {@link #createLoop}. */
  protected PublishVerification() {}

  /** Every publish of a run is acknowledged by a real broker, and the run completes clean. */
  @ParameterizedTest
  @EnumSource(QoS.class)
  public void required_everyPublishIsAcknowledgedByARealBroker(QoS qos) {
    MqttEventLoop loop = connectedLoop(brokerOptions().build());
    List<Publish> publishes = NumberedPublishes.of(1_000, qos);

    Outcome outcome = await(loop.run(Sources.from(publishes)), "a run of 1,000 publishes");

    assertInstanceOf(Outcome.Completed.class, outcome);
    assertTrue(outcome.state().isEmpty(), "nothing is pending after a completed run");
    for (Publish publish : publishes) {
      assertSame(publish, await(publish.completion(), "the stage of " + publish));
    }
  }

  /** A QoS 0 publish completes once written, though the broker never answers it. */
  @Test
  public void required_MQTT_4_3_1_1_qos0CompletesOnceWrittenWithDupZero() {
    ScriptedBroker scripted = scriptedBroker().holdAcks();
    MqttEventLoop loop = connectedLoop(scriptedOptions().build());
    Publish publish = NumberedPublishes.numbered(0, QoS.AT_MOST_ONCE);

    await(loop.run(Sources.from(List.of(publish))), "a run of one QoS 0 publish");

    assertSame(publish, await(publish.completion(), "the QoS 0 stage"));
    ReceivedPacket sent = scripted.awaitPacket(MqttMessageType.PUBLISH, stageTimeout());
    assertEquals(MqttQoS.AT_MOST_ONCE, sent.message().fixedHeader().qosLevel());
    assertFalse(sent.message().fixedHeader().isDup(), "a QoS 0 PUBLISH has DUP 0 (3.3.1-2)");
  }

  /** A QoS 1 publish completes on its PUBACK and not before (MQTT-4.3.2-1). */
  @Test
  public void required_MQTT_4_3_2_1_qos1CompletesOnlyOnPuback() {
    ScriptedBroker scripted = scriptedBroker().holdAcks();
    MqttEventLoop loop = connectedLoop(scriptedOptions().build());
    Publish publish = NumberedPublishes.numbered(0, QoS.AT_LEAST_ONCE);
    CompletionStage<Outcome> run = loop.run(Sources.from(List.of(publish)));

    ReceivedPacket sent = awaitPublishes(scripted, 1).get(0);
    assertFalse(sent.message().fixedHeader().isDup(), "a first send has DUP 0");
    assertStaysPending(publish.completion(), "a QoS 1 stage while its PUBACK is held");
    assertPending(run, "the run while its last PUBACK is held");

    scripted.releaseAcks(1);

    assertSame(publish, await(publish.completion(), "the QoS 1 stage after its PUBACK"));
    assertInstanceOf(Outcome.Completed.class, await(run, "the run after the last PUBACK"));
  }

  /** A QoS 2 publish completes on PUBCOMP, after PUBREC and a PUBREL with its id (4.3.3-1). */
  @Test
  public void required_MQTT_4_3_3_1_qos2CompletesOnlyOnPubcomp() {
    ScriptedBroker scripted = scriptedBroker().holdAcks();
    MqttEventLoop loop = connectedLoop(scriptedOptions().build());
    Publish publish = NumberedPublishes.numbered(0, QoS.EXACTLY_ONCE);
    loop.run(Sources.from(List.of(publish)));

    int packetId = scripted.awaitPacket(MqttMessageType.PUBLISH, stageTimeout()).packetId();
    scripted.awaitHeldAcks(1, stageTimeout());
    assertStaysPending(publish.completion(), "a QoS 2 stage while its PUBREC is held");

    scripted.releaseAcks(1);
    ReceivedPacket pubrel = scripted.awaitPacket(MqttMessageType.PUBREL, stageTimeout());
    assertEquals(packetId, pubrel.packetId(), "PUBREL carries the publish's packet id");
    assertEquals(MqttQoS.AT_LEAST_ONCE, pubrel.message().fixedHeader().qosLevel(),
        "PUBREL's fixed header flags are 0010 (MQTT-3.6.1-1)");
    scripted.awaitHeldAcks(1, stageTimeout());
    assertStaysPending(publish.completion(), "a QoS 2 stage while its PUBCOMP is held");

    scripted.releaseAcks(1);
    assertSame(publish, await(publish.completion(), "the QoS 2 stage after PUBCOMP"));
  }

  /** No more QoS 1 publishes are sent than the window allows until acks free room. */
  @Test
  public void required_inflightWindowIsNeverExceeded() {
    ScriptedBroker scripted = scriptedBroker().holdAcks();
    MqttEventLoop loop = connectedLoop(scriptedOptions().maxInflight(3).build());
    List<Publish> publishes = NumberedPublishes.of(10, QoS.AT_LEAST_ONCE);
    CompletionStage<Outcome> run = loop.run(Sources.from(publishes));

    awaitPublishes(scripted, 3);
    assertPublishCountStays(scripted, 3);
    scripted.releaseAcks(1);
    awaitPublishes(scripted, 4);
    assertPublishCountStays(scripted, 4);

    scripted.ackAutomatically().releaseAllAcks();
    assertInstanceOf(Outcome.Completed.class, await(run, "the run once acks flow"));
    assertEquals(10, awaitPublishes(scripted, 10).size());
  }

  /** The loop takes from the source only as much as the window has room for. */
  @Test
  public void required_takesFromTheSourceOnlyWhatTheWindowHasRoomFor() {
    int window = 20;
    MqttEventLoop loop = connectedLoop(brokerOptions().maxInflight(window).build());
    WindowWatchingSource source = new WindowWatchingSource(20_000, window, asyncErrors());

    await(loop.run(Sources.from(source)), "a run of 20,000 QoS 1 publishes");

    assertEquals(20_000, source.taken(), "every request was taken");
    assertTrue(source.mostOutstanding() <= window,
        "at most " + window + " requests were taken and unacknowledged at once, saw "
            + source.mostOutstanding());
  }

  /**
   * Publishes reach the broker in the order of the source, whatever their QoS. The order of
   * resends (MQTT-4.6.0-1) is checked by {@link ReconnectVerification}.
   */
  @Test
  public void required_publishesAreSentInTheOrderOfTheSource() {
    ScriptedBroker scripted = scriptedBroker();
    MqttEventLoop loop = connectedLoop(scriptedOptions().maxInflight(7).build());
    List<Publish> publishes = NumberedPublishes.ofEveryQos(300);

    await(loop.run(Sources.from(publishes)), "a run of 300 publishes at mixed QoS");

    List<Integer> order = new ArrayList<>();
    for (ReceivedPacket packet : awaitPublishes(scripted, publishes.size())) {
      order.add(NumberedPublishes.numberOf(packet.payload()));
    }
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < publishes.size(); i++) {
      expected.add(i);
    }
    assertEquals(expected, order);
  }

  /** Packet ids are non-zero and never shared by two packets in flight (2.3.1-1, 2.3.1-2). */
  @Test
  public void required_MQTT_2_3_1_2_packetIdsInFlightAreNonZeroAndDistinct() {
    ScriptedBroker scripted = scriptedBroker().holdAcks();
    MqttEventLoop loop = connectedLoop(scriptedOptions().maxInflight(10).build());
    loop.run(Sources.from(NumberedPublishes.of(40, QoS.AT_LEAST_ONCE)));

    for (int released = 0; released < 30; released++) {
      List<ReceivedPacket> sent = awaitPublishes(scripted, released + 10);
      Set<Integer> inFlight = new HashSet<>();
      for (ReceivedPacket packet : sent.subList(released, released + 10)) {
        assertNotEquals(0, packet.packetId(), "a packet id is never 0");
        assertTrue(inFlight.add(packet.packetId()), "packet id " + packet.packetId()
            + " is used twice among the publishes in flight: " + inFlight);
      }
      scripted.releaseAcks(1);
    }
  }

  /** Packet ids run from 1 to 65,535 and wrap to 1, never to 0 (MQTT-2.3.1-1). */
  @Test
  public void required_MQTT_2_3_1_1_packetIdsWrapFrom65535ToOne() {
    ScriptedBroker scripted = scriptedBroker();
    MqttEventLoop loop = connectedLoop(scriptedOptions().maxInflight(1_000).build());
    int count = 66_000;

    await(loop.run(Sources.from(NumberedPublishes.of(count, QoS.AT_LEAST_ONCE))),
        "a run of 66,000 QoS 1 publishes");

    List<ReceivedPacket> sent = awaitPublishes(scripted, count);
    boolean wrapped = false;
    for (int i = 1; i < sent.size(); i++) {
      int id = sent.get(i).packetId();
      if (id < 1 || id > 65_535) {
        fail("packet id " + id + " is outside 1..65535");
      }
      wrapped |= sent.get(i - 1).packetId() == 65_535 && id == 1;
    }
    assertTrue(wrapped, "ids wrapped from 65535 to 1");
  }

  /** A publish over maxPacketSize fails before the wire; the run goes on with the rest. */
  @Test
  public void required_aPublishOverMaxPacketSizeFailsBeforeTheWire() {
    ScriptedBroker scripted = scriptedBroker();
    MqttEventLoop loop = connectedLoop(scriptedOptions().maxPacketSize(200).build());
    Publish tooBig = Publish.of("big", new byte[300], QoS.AT_LEAST_ONCE);
    Publish fits = NumberedPublishes.numbered(1, QoS.AT_LEAST_ONCE);

    Outcome outcome = await(loop.run(Sources.from(List.of(tooBig, fits))), "the run");

    Throwable refused = awaitFailure(tooBig.completion(), "the oversized publish");
    assertInstanceOf(PacketTooLargeException.class, refused);
    assertTrue(refused.getMessage().contains("maxPacketSize 200"), refused.getMessage());
    assertInstanceOf(Outcome.Completed.class, outcome);
    assertEquals(1, NumberedPublishes.numberOf(awaitPublishes(scripted, 1).get(0).payload()));
    assertEquals(1, scripted.received(MqttMessageType.PUBLISH).size(), "only the one that fits");
  }

  /** Asserts that {@code stage} stays pending for a short while, as a held ack requires. */
  private void assertStaysPending(CompletionStage<?> stage, String what) {
    try {
      Awaitility.await().pollInSameThread().during(QUIET).atMost(QUIET.multipliedBy(3))
          .until(() -> !stage.toCompletableFuture().isDone());
    } catch (ConditionTimeoutException completed) {
      throw new AssertionError(what + " completed too early", completed);
    }
    assertPending(stage, what);
  }

  /** Asserts that the broker keeps the {@code count} publishes it received for a short while. */
  private void assertPublishCountStays(ScriptedBroker scripted, int count) {
    try {
      Awaitility.await("the broker keeps receiving " + count + " publishes").pollInSameThread()
          .during(QUIET).atMost(stageTimeout())
          .until(() -> scripted.received(MqttMessageType.PUBLISH).size() == count);
    } catch (ConditionTimeoutException changed) {
      throw new AssertionError("the broker received "
          + scripted.received(MqttMessageType.PUBLISH).size() + " PUBLISH packets, not " + count
          + ": with its acks held, the loop put more publishes in flight than the window allows",
          changed);
    }
  }

  /** A request list for {@link Sources#from(Iterable)} that watches how many are outstanding. */
  private static final class WindowWatchingSource implements Iterable<Request> {
    private final int count;
    private final int window;
    private final AsyncErrors errors;
    private int taken;
    private int acknowledged;
    private int mostOutstanding;

    WindowWatchingSource(int count, int window, AsyncErrors errors) {
      this.count = count;
      this.window = window;
      this.errors = errors;
    }

    int taken() {
      return taken;
    }

    int mostOutstanding() {
      return mostOutstanding;
    }

    @Override
    public Iterator<Request> iterator() {
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return taken < count;
        }

        @Override
        public Request next() {
          Publish publish = NumberedPublishes.numbered(taken++, QoS.AT_LEAST_ONCE);
          mostOutstanding = Math.max(mostOutstanding, taken - acknowledged);
          if (taken - acknowledged > window) {
            errors.record(new AssertionError("took request " + taken + " with "
                + (taken - acknowledged - 1) + " unacknowledged, window " + window));
          }
          publish.completion().thenRun(() -> acknowledged++);
          return publish;
        }
      };
    }
  }
}
