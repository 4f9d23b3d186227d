package io.mqttloop.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttloop.Command;
import io.mqttloop.ConnectionLostException;
import io.mqttloop.Message;
import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import io.mqttloop.MqttProtocolException;
import io.mqttloop.Outcome;
import io.mqttloop.PacketTooLargeException;
import io.mqttloop.Publish;
import io.mqttloop.QoS;
import io.mqttloop.Request;
import io.mqttloop.Sources;
import io.mqttloop.Subscribe;
import io.mqttloop.SubscriptionRefusedException;
import io.mqttloop.Subscription;
import io.mqttloop.Unsubscribe;
import io.mqttloop.tck.scripted.BrokerPackets;
import io.mqttloop.tck.scripted.Flood;
import io.mqttloop.tck.scripted.RawPackets;
import io.mqttloop.tck.scripted.ReceivedPacket;
import io.mqttloop.tck.scripted.ScriptedBroker;
import io.netty.handler.codec.mqtt.MqttMessageType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Rules of receiving that need a broker driven by the test: when acknowledgements go out and in
 * what order, exactly-once delivery under resends, backpressure, the bytes of each packet type,
 * and the broker's bad input.
 */
public abstract class ReceiveVerification extends MqttEventLoopVerification {
  private static final Duration QUIET = Duration.ofMillis(400);
  private static final byte[] PAYLOAD = {1, 2, 3};

  /** For subclasses, which write {@link #createLoop}. */
  protected ReceiveVerification() {}

  /**
   * Each incoming PUBLISH is answered by its QoS: nothing for 0, PUBACK for 1, PUBREC for 2, with
   * the packet's own id, even for a topic the client never subscribed to (3.3.4-1, 4.5.0-2).
   */
  @Test
  public void required_MQTT_3_3_4_1_eachIncomingPublishIsAnsweredByItsQos() {
    ScriptedBroker scripted = scriptedBroker();
    RecordingSubscriber inbox = RecordingSubscriber.takingAll();
    connectedReceiver(inbox, scriptedOptions().build());

    scripted.send(BrokerPackets.publish("never/subscribed", 0, 0, PAYLOAD));
    scripted.send(BrokerPackets.publish("never/subscribed", 1, 11, PAYLOAD));
    scripted.send(BrokerPackets.publish("never/subscribed", 2, 12, PAYLOAD));

    assertEquals(3, inbox.awaitCount(3, stageTimeout()).size());
    scripted.awaitPacket(ReceivedPacket.ofType(MqttMessageType.PUBACK, 11), stageTimeout());
    scripted.awaitPacket(ReceivedPacket.ofType(MqttMessageType.PUBREC, 12), stageTimeout());
    assertEquals(List.of(11), packetIds(scripted, MqttMessageType.PUBACK), "QoS 0 unanswered");
    assertEquals(List.of(12), packetIds(scripted, MqttMessageType.PUBREC));
  }

  /** No PUBACK goes out for a message the application has not taken yet. */
  @Test
  public void required_noAcknowledgementBeforeTheApplicationHasTheMessage() {
    ScriptedBroker scripted = scriptedBroker();
    RecordingSubscriber inbox = RecordingSubscriber.takingNone();
    connectedReceiver(inbox, scriptedOptions().build());

    scripted.send(BrokerPackets.publish("held/back", 1, 5, PAYLOAD));
    assertNoPacketOfTypeFor(scripted, MqttMessageType.PUBACK);
    inbox.take(1);

    inbox.awaitCount(1, stageTimeout());
    scripted.awaitPacket(ReceivedPacket.ofType(MqttMessageType.PUBACK, 5), stageTimeout());
  }

  /**
   * With manual acknowledgement, PUBACKs go out only once the application acknowledges, and in
   * the order the messages arrived, whatever order it acknowledges them in (MQTT-4.6.0-2).
   */
  @Test
  public void required_MQTT_4_6_0_2_manualPubacksFollowTheOrderOfArrival() {
    assertManualAcksFollowArrival(QoS.AT_LEAST_ONCE, MqttMessageType.PUBACK);
  }

  /** Likewise for PUBRECs of QoS 2 messages (MQTT-4.6.0-3). */
  @Test
  public void required_MQTT_4_6_0_3_manualPubrecsFollowTheOrderOfArrival() {
    assertManualAcksFollowArrival(QoS.EXACTLY_ONCE, MqttMessageType.PUBREC);
  }

  /**
   * A QoS 2 message is delivered once however often the broker sends it before PUBREL; each copy
   * gets its PUBREC, PUBREL gets PUBCOMP, and the id then carries a new message (4.3.3-2).
   */
  @Test
  public void required_MQTT_4_3_3_2_aQos2MessageIsDeliveredOnceUnderResends() {
    ScriptedBroker scripted = scriptedBroker();
    RecordingSubscriber inbox = RecordingSubscriber.takingAll();
    connectedReceiver(inbox, scriptedOptions().build());

    scripted.send(BrokerPackets.publish("once", 2, 7, PAYLOAD));
    scripted.send(BrokerPackets.publish("once", 2, 7, true, false, PAYLOAD));
    scripted.send(BrokerPackets.publish("once", 2, 7, true, false, PAYLOAD));
    scripted.awaitPackets(3, ReceivedPacket.ofType(MqttMessageType.PUBREC, 7), stageTimeout());
    scripted.send(BrokerPackets.pubrel(7));
    scripted.awaitPacket(ReceivedPacket.ofType(MqttMessageType.PUBCOMP, 7), stageTimeout());

    assertEquals(1, inbox.received().size(), "delivered once: " + inbox.received());
    scripted.send(BrokerPackets.publish("again", 2, 7, PAYLOAD));
    assertEquals("again", inbox.awaitCount(2, stageTimeout()).get(1).topic());
  }

  /** A QoS 1 packet id used again after PUBACK is a new message (MQTT-4.3.2-2). */
  @Test
  public void required_MQTT_4_3_2_2_aQos1IdUsedAgainAfterPubackIsANewMessage() {
    ScriptedBroker scripted = scriptedBroker();
    RecordingSubscriber inbox = RecordingSubscriber.takingAll();
    connectedReceiver(inbox, scriptedOptions().build());

    scripted.send(BrokerPackets.publish("first", 1, 5, false, true, PAYLOAD));
    scripted.awaitPacket(ReceivedPacket.ofType(MqttMessageType.PUBACK, 5), stageTimeout());
    scripted.send(BrokerPackets.publish("second", 1, 5, true, false, PAYLOAD));

    List<Message> received = inbox.awaitCount(2, stageTimeout());
    assertTrue(received.get(0).retain() && !received.get(0).duplicate(), "flags as sent");
    assertTrue(received.get(1).duplicate() && !received.get(1).retain(), "flags as sent");
    assertEquals("second", received.get(1).topic());
  }

  /**
   * A consumer that takes ten of 100,000 messages and no more holds the broker back: the loop
   * stops reading, TCP fills, and the broker cannot write the rest. Taking them all lets the rest
   * flow.
   */
  @Test
  public void required_aSlowConsumerMakesTheBrokerHoldTheRest() {
    ScriptedBroker scripted = scriptedBroker();
    RecordingSubscriber inbox = RecordingSubscriber.takingNone();
    connectedReceiver(inbox, scriptedOptions().maxBufferedMessages(16).build());
    int count = 100_000;

    Flood flood = scripted.flood(count, 1_024, "flood");
    inbox.take(10);
    inbox.awaitCount(10, stageTimeout());
    AtomicInteger lastWritten = new AtomicInteger(-1);
    Awaitility.await("the flood stalls").atMost(stageTimeout()).pollInSameThread()
        .during(QUIET).until(() -> flood.isPaused()
            && flood.written() == lastWritten.getAndSet(flood.written()));

    assertTrue(flood.written() < count / 5,
        "the broker wrote " + flood.written() + " of " + count + " to a consumer that took 10");
    inbox.take(Long.MAX_VALUE);
    assertEquals(count, inbox.awaitCount(count, stageTimeout()).size());
  }

  /** An incoming packet of exactly maxPacketSize bytes is taken; one byte more is refused. */
  @Test
  public void required_maxPacketSizeCountsTheWholePacket() {
    ScriptedBroker scripted = scriptedBroker();
    RecordingSubscriber inbox = RecordingSubscriber.takingAll();
    MqttEventLoop loop = connectedReceiver(inbox, scriptedOptions().maxPacketSize(1_000).build());
    byte[] topic = {'t'};
    int payloadFitting = 1_000 - 1 - 2 - 2 - topic.length;

    scripted.sendRaw(RawPackets.publish(0x30, topic, -1, new byte[payloadFitting]));
    inbox.awaitCount(1, stageTimeout());
    scripted.sendRaw(RawPackets.publish(0x30, topic, -1, new byte[payloadFitting + 1]));

    Awaitility.await("the oversized packet refused").atMost(stageTimeout()).pollInSameThread()
        .until(inbox::completed);
    Throwable closed = awaitFailure(loop.execute(Command.disconnect()), "disconnect");
    assertTrue(closed.getMessage().contains("larger than maxPacketSize 1000"),
        closed.getMessage());
  }

  /**
   * A SUBACK with a return code MQTT 3.1.1 does not define breaks the protocol (the broker's duty,
   * MQTT-3.9.3-2), so the loop closes the connection as a protocol error (MQTT-4.8.0-1).
   */
  @Test
  public void required_MQTT_4_8_0_1_aSubackWithAnUndefinedCodeIsAProtocolError() {
    scriptedBroker().subackWith((filter, qos) -> 0x03);
    MqttEventLoop loop = connectedLoop(scriptedOptions().build());
    Subscribe subscribe = Subscribe.to("any", QoS.AT_LEAST_ONCE);

    Throwable failure = awaitFailure(loop.run(Sources.from(List.of(subscribe))), "the run");

    ConnectionLostException lost = assertInstanceOf(ConnectionLostException.class, failure);
    assertInstanceOf(MqttProtocolException.class, lost.getCause());
    assertEquals(List.of(subscribe), lost.state().requests(), "the subscribe is still pending");
  }

  /** A subscribe whose packet would pass maxPacketSize fails before the wire. */
  @Test
  public void required_aSubscribeOverMaxPacketSizeFailsBeforeTheWire() {
    ScriptedBroker scripted = scriptedBroker();
    MqttEventLoop loop = connectedLoop(scriptedOptions().maxPacketSize(64).build());
    List<Subscription> many = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      many.add(new Subscription("filter/" + i, QoS.AT_MOST_ONCE));
    }
    Subscribe tooBig = Subscribe.to(many);

    await(loop.run(Sources.from(List.of(tooBig))), "the run");

    assertInstanceOf(PacketTooLargeException.class,
        awaitFailure(tooBig.completion(), "the oversized subscribe"));
    assertTrue(scripted.received(MqttMessageType.SUBSCRIBE).isEmpty());
  }

  /** A refused filter fails the subscribe naming it; the others are granted. */
  @Test
  public void required_aRefusedFilterFailsTheSubscribeNamingIt() {
    scriptedBroker().refuseSubscriptionsTo("forbidden/#");
    MqttEventLoop loop = connectedLoop(scriptedOptions().build());
    Subscribe subscribe = Subscribe.to(List.of(new Subscription("allowed/#", QoS.AT_LEAST_ONCE),
        new Subscription("forbidden/#", QoS.AT_LEAST_ONCE)));

    await(loop.run(Sources.from(List.of(subscribe))), "a run of one subscribe");

    SubscriptionRefusedException refused = assertInstanceOf(SubscriptionRefusedException.class,
        awaitFailure(subscribe.completion(), "a subscribe the broker refuses in part"));
    assertEquals(List.of(subscribe.subscriptions().get(1)), refused.refused());
    assertTrue(refused.getMessage().contains("forbidden/#"), refused.getMessage());
    assertEquals(QoS.AT_LEAST_ONCE, refused.granted().get(0));
  }

  /** Subscribes, unsubscribes and publishes in flight never share a packet id (2.3.1-2). */
  @Test
  public void required_MQTT_2_3_1_2_requestsOfEveryTypeShareThePacketIds() {
    ScriptedBroker scripted = scriptedBroker().holdAcks().holdSubscriptionAcks();
    MqttEventLoop loop = connectedLoop(scriptedOptions().maxInflight(8).build());
    List<Request> mixed = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      mixed.add(NumberedPublishes.numbered(i, QoS.AT_LEAST_ONCE));
      mixed.add(Subscribe.to("sub/" + i, QoS.AT_MOST_ONCE));
      mixed.add(Unsubscribe.from("sub/" + i));
      mixed.add(NumberedPublishes.numbered(i, QoS.EXACTLY_ONCE));
    }

    CompletionStage<Outcome> run = loop.run(Sources.from(mixed));
    List<ReceivedPacket> sent = scripted.awaitPackets(8, ReceivedPacket::hasPacketId,
        stageTimeout());

    Set<Integer> ids = new HashSet<>();
    for (ReceivedPacket packet : sent) {
      assertTrue(ids.add(packet.packetId()), "packet id " + packet.packetId() + " twice");
    }
    scripted.ackAutomatically().ackSubscriptionsAutomatically().releaseAllAcks();
    await(run, "the run once acks flow");
  }

  /** Every packet the client sends has the fixed header flags of its type (MQTT-2.2.2-1). */
  @Test
  public void required_MQTT_2_2_2_1_everyPacketCarriesTheFlagsOfItsType() {
    ScriptedBroker scripted = scriptedBroker();
    RecordingSubscriber inbox = RecordingSubscriber.takingAll();
    MqttEventLoop loop = connectedReceiver(inbox, scriptedOptions().build());
    scripted.send(BrokerPackets.publish("in", 1, 21, PAYLOAD));
    scripted.send(BrokerPackets.publish("in", 2, 22, PAYLOAD));
    scripted.awaitPacket(ReceivedPacket.ofType(MqttMessageType.PUBREC, 22), stageTimeout());
    scripted.send(BrokerPackets.pubrel(22));
    scripted.awaitPacket(ReceivedPacket.ofType(MqttMessageType.PUBCOMP, 22), stageTimeout());

    await(loop.run(Sources.from(List.of(Subscribe.to("s", QoS.AT_MOST_ONCE),
        Unsubscribe.from("s"), NumberedPublishes.numbered(0, QoS.EXACTLY_ONCE)))), "a run");
    await(loop.execute(Command.disconnect()), "disconnect");
    scripted.awaitClientClosed(stageTimeout());

    assertFirstByte(scripted, MqttMessageType.CONNECT, 0x10);
    assertFirstByte(scripted, MqttMessageType.PUBACK, 0x40);
    assertFirstByte(scripted, MqttMessageType.PUBREC, 0x50);
    assertFirstByte(scripted, MqttMessageType.PUBCOMP, 0x70);
    assertFirstByte(scripted, MqttMessageType.SUBSCRIBE, 0x82);
    assertFirstByte(scripted, MqttMessageType.UNSUBSCRIBE, 0xA2);
    assertFirstByte(scripted, MqttMessageType.PUBLISH, 0x34);
    assertFirstByte(scripted, MqttMessageType.PUBREL, 0x62);
    assertFirstByte(scripted, MqttMessageType.DISCONNECT, 0xE0);
  }

  /** An incoming packet over maxPacketSize closes the connection as a protocol error. */
  @Test
  public void required_anIncomingPacketOverTheMaximumIsAProtocolError() {
    assertBadInputEndsTheRun(scripted -> scripted.send(
        BrokerPackets.publish("big", 0, 0, new byte[2_000])));
  }

  /** A malformed packet closes the connection as a protocol error (MQTT-4.8.0-1). */
  @Test
  public void required_MQTT_4_8_0_1_aMalformedPacketIsAProtocolError() {
    assertBadInputEndsTheRun(scripted -> scripted.sendRaw(RawPackets.packet(0x00)));
  }

  /** An incoming PUBLISH with QoS bits 11 closes the connection (MQTT-3.3.1-4). */
  @Test
  public void required_MQTT_3_3_1_4_aPublishWithQos3IsAProtocolError() {
    assertBadInputEndsTheRun(scripted -> scripted.sendRaw(
        RawPackets.publish(0x36, new byte[] {'t'}, 1, PAYLOAD)));
  }

  /** An incoming topic holding U+0000 closes the connection (MQTT-1.5.3-2). */
  @Test
  public void required_MQTT_1_5_3_2_anIncomingTopicWithNulIsAProtocolError() {
    assertBadInputEndsTheRun(scripted -> scripted.sendRaw(
        RawPackets.publish(0x30, new byte[] {'a', 0, 'b'}, -1, PAYLOAD)));
  }

  /** An incoming topic that is not well-formed UTF-8 closes the connection (MQTT-1.5.3-1). */
  @Test
  public void required_MQTT_1_5_3_1_anIllFormedIncomingTopicIsAProtocolError() {
    assertBadInputEndsTheRun(scripted -> scripted.sendRaw(RawPackets.publish(0x30,
        new byte[] {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80}, -1, PAYLOAD)));
  }

  /** An incoming PUBLISH with an empty topic closes the connection (MQTT-4.7.3-1). */
  @Test
  public void required_MQTT_4_7_3_1_anIncomingEmptyTopicIsAProtocolError() {
    assertBadInputEndsTheRun(scripted -> scripted.sendRaw(
        RawPackets.publish(0x30, new byte[0], -1, PAYLOAD)));
  }

  /** An incoming PUBLISH to a topic with a wildcard closes the connection (MQTT-4.7.1-1). */
  @Test
  public void required_MQTT_4_7_1_1_anIncomingWildcardTopicIsAProtocolError() {
    assertBadInputEndsTheRun(scripted -> scripted.sendRaw(
        RawPackets.publish(0x30, new byte[] {'a', '/', '+'}, -1, PAYLOAD)));
  }

  /** A second CONNACK makes no sense once connected: a protocol error (MQTT-4.8.0-1). */
  @Test
  public void required_MQTT_4_8_0_1_aSecondConnackIsAProtocolError() {
    assertBadInputEndsTheRun(scripted -> scripted.send(BrokerPackets.connack(0, false)));
  }

  /** A topic starting with U+FEFF reaches the application unchanged (MQTT-1.5.3-3). */
  @Test
  public void required_MQTT_1_5_3_3_aByteOrderMarkInATopicIsKept() {
    ScriptedBroker scripted = scriptedBroker();
    RecordingSubscriber inbox = RecordingSubscriber.takingAll();
    connectedReceiver(inbox, scriptedOptions().build());

    scripted.sendRaw(RawPackets.publish(0x30,
        new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'b', 'o', 'm'}, -1, PAYLOAD));

    assertEquals("\uFEFFbom", inbox.awaitCount(1, stageTimeout()).get(0).topic());
  }

  /** A manual acknowledgement after the connection is gone sends nothing and throws nothing. */
  @Test
  public void required_aManualAcknowledgementAfterTheLossIsHarmless() {
    ScriptedBroker scripted = scriptedBroker();
    RecordingSubscriber inbox = RecordingSubscriber.takingAll();
    MqttEventLoop loop = connectedReceiver(inbox,
        scriptedOptions().manualAcknowledgement(true).build());
    scripted.send(BrokerPackets.publish("late", 1, 3, PAYLOAD));
    Message message = inbox.awaitCount(1, stageTimeout()).get(0);

    scripted.cut();
    Awaitility.await("the subscriber is told the loop closed").atMost(stageTimeout())
        .pollInSameThread().until(inbox::completed);
    message.acknowledge();

    assertTrue(scripted.received(MqttMessageType.PUBACK).isEmpty());
    assertInstanceOf(Outcome.ShutDown.class, await(loop.execute(Command.shutdown()), "shutdown"));
  }

  /** An acknowledgement for a packet id not in flight closes the connection. */
  @Test
  public void required_anAckForAPacketIdNotInFlightIsAProtocolError() {
    assertBadInputEndsTheRun(scripted -> scripted.send(BrokerPackets.puback(999)));
  }

  /** A second subscriber to messages() is refused through its onError; the first goes on. */
  @Test
  public void required_messagesTakesOneSubscriberAtATime() {
    ScriptedBroker scripted = scriptedBroker();
    RecordingSubscriber first = RecordingSubscriber.takingAll();
    MqttEventLoop loop = connectedReceiver(first, scriptedOptions().build());
    RecordingSubscriber second = RecordingSubscriber.takingAll();

    loop.messages().subscribe(second);
    Awaitility.await("the second subscriber refused").atMost(stageTimeout()).pollInSameThread()
        .until(() -> second.error() != null);
    scripted.send(BrokerPackets.publish("still", 0, 0, PAYLOAD));

    assertInstanceOf(IllegalStateException.class, second.error());
    assertEquals("still", first.awaitCount(1, stageTimeout()).get(0).topic());
  }

  private void assertManualAcksFollowArrival(QoS qos, MqttMessageType ackType) {
    ScriptedBroker scripted = scriptedBroker();
    RecordingSubscriber inbox = RecordingSubscriber.takingAll();
    connectedReceiver(inbox, scriptedOptions().manualAcknowledgement(true).build());
    for (int id = 1; id <= 3; id++) {
      scripted.send(BrokerPackets.publish("manual", qos.value(), id, PAYLOAD));
    }
    List<Message> received = inbox.awaitCount(3, stageTimeout());

    received.get(2).acknowledge();
    received.get(1).acknowledge();
    assertNoPacketOfTypeFor(scripted, ackType);
    received.get(0).acknowledge();

    scripted.awaitPackets(3, ReceivedPacket.ofType(ackType), stageTimeout());
    assertEquals(List.of(1, 2, 3), packetIds(scripted, ackType));
  }

  private static List<Integer> packetIds(ScriptedBroker scripted, MqttMessageType type) {
    return scripted.received(type).stream().map(ReceivedPacket::packetId).toList();
  }

  private void assertBadInputEndsTheRun(Consumer<ScriptedBroker> badInput) {
    ScriptedBroker scripted = scriptedBroker().holdAcks();
    MqttEventLoop loop = connectedLoop(scriptedOptions().maxPacketSize(1_024).build());
    Publish pending = NumberedPublishes.numbered(0, QoS.AT_LEAST_ONCE);
    CompletionStage<Outcome> run = loop.run(Sources.from(List.of(pending)));
    awaitPublishes(scripted, 1);

    badInput.accept(scripted);

    ConnectionLostException lost = assertInstanceOf(ConnectionLostException.class,
        awaitFailure(run, "the run after bad input from the broker"));
    assertInstanceOf(MqttProtocolException.class, lost.getCause());
    assertEquals(List.of(pending), lost.state().requests(), "the state is intact");
    assertPending(pending.completion(), "the pending publish");
    scripted.awaitClientClosed(stageTimeout());
  }

  private MqttEventLoop connectedReceiver(RecordingSubscriber inbox, MqttOptions options) {
    MqttEventLoop loop = newLoop(options);
    loop.messages().subscribe(inbox);
    connect(loop);
    return loop;
  }

  private void assertNoPacketOfTypeFor(ScriptedBroker scripted, MqttMessageType type) {
    Awaitility.await("no " + type + " yet").pollInSameThread().during(QUIET)
        .atMost(QUIET.multipliedBy(4)).until(() -> scripted.received(type).isEmpty());
  }

  private static void assertFirstByte(ScriptedBroker scripted, MqttMessageType type, int byte0) {
    List<ReceivedPacket> packets = scripted.received(type);
    assertTrue(!packets.isEmpty(), "the client sent no " + type);
    for (ReceivedPacket packet : packets) {
      assertEquals(byte0, packet.firstByte(), type + " starts with 0x"
          + Integer.toHexString(byte0) + ": " + packet);
    }
  }
}
