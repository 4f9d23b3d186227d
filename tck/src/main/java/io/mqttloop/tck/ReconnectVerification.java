package io.mqttloop.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttloop.Broker;
import io.mqttloop.Command;
import io.mqttloop.Connected;
import io.mqttloop.ConnectionLostException;
import io.mqttloop.ConnectionRefusedException;
import io.mqttloop.LifecycleEvent;
import io.mqttloop.Message;
import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import io.mqttloop.MqttProtocolException;
import io.mqttloop.MqttState;
import io.mqttloop.Outcome;
import io.mqttloop.Publish;
import io.mqttloop.QoS;
import io.mqttloop.ReconnectPolicy;
import io.mqttloop.Sources;
import io.mqttloop.Subscribe;
import io.mqttloop.Subscription;
import io.mqttloop.tck.scripted.BrokerPackets;
import io.mqttloop.tck.scripted.ConnackScript;
import io.mqttloop.tck.scripted.ReceivedPacket;
import io.mqttloop.tck.scripted.ScriptedBroker;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Rules of reconnection and session resume, against the scripted broker, which cuts connections
 * and answers each CONNECT as scripted: what is resent and how, what is restored, what the
 * listener hears, when the loop gives up, and that it never busy-loops.
 */
public abstract class ReconnectVerification extends MqttEventLoopVerification {
  private static final Duration FAST_FIRST = Duration.ofMillis(20);
  private static final Duration FAST_MAX = Duration.ofMillis(200);
  private static final byte[] PAYLOAD = {9};

  /** For subclasses, which write {@link #createLoop}. */
  protected ReconnectVerification() {}

  /**
   * After a cut, the loop reconnects and resends what was in flight, in order, with DUP set and
   * the same packet ids; the run goes on and completes (MQTT-4.4.0-1, 3.3.1-1, 4.6.0-1).
   */
  @Test
  public void required_MQTT_4_4_0_1_aReconnectResendsInFlightWithDupAndTheSameIds() {
    ScriptedBroker scripted = scriptedBroker().holdAcks()
        .connacks(ConnackScript.accept(), ConnackScript.acceptWithSessionPresent());
    MqttEventLoop loop = connectedLoop(reconnecting(scriptedOptions()).maxInflight(3).build());
    List<Publish> publishes = NumberedPublishes.of(3, QoS.AT_LEAST_ONCE);
    CompletionStage<Outcome> run = loop.run(Sources.from(publishes));
    List<ReceivedPacket> first = awaitPublishes(scripted, 3);

    scripted.cut();
    scripted.ackAutomatically();

    List<ReceivedPacket> resent = awaitPublishes(scripted, 6).subList(3, 6);
    for (int i = 0; i < 3; i++) {
      assertEquals(first.get(i).packetId(), resent.get(i).packetId(), "the same id, in order");
      assertTrue(resent.get(i).message().fixedHeader().isDup(), "DUP set on a resend");
      assertEquals(1, resent.get(i).connection(), "resent on the new connection");
    }
    assertInstanceOf(Outcome.Completed.class, await(run, "the run, after the reconnect"));
  }

  /** The first packet on every connection, reconnections included, is CONNECT (3.1.0-1). */
  @Test
  public void required_MQTT_3_1_0_1_eachConnectionStartsWithConnect() {
    ScriptedBroker scripted = scriptedBroker();
    connectedLoop(reconnecting(scriptedOptions()).build());

    for (int connection = 0; connection < 3; connection++) {
      int index = connection;
      ReceivedPacket firstOnIt = scripted.awaitPacket(p -> p.connection() == index,
          stageTimeout());
      assertTrue(firstOnIt.is(MqttMessageType.CONNECT), "connection " + index + " began with "
          + firstOnIt);
      scripted.cut();
    }
  }

  /**
   * When the broker holds no session after a reconnect, the subscriptions the loop holds are
   * restored before anything else is sent.
   */
  @Test
  public void required_aFreshSessionRestoresTheSubscriptionsFirst() {
    ScriptedBroker scripted = scriptedBroker();
    MqttEventLoop loop = connectedLoop(reconnecting(scriptedOptions()).build());
    await(loop.run(Sources.from(List.of(Subscribe.to(List.of(
        new Subscription("a/#", QoS.AT_LEAST_ONCE),
        new Subscription("b/+", QoS.EXACTLY_ONCE)))))), "subscribing");

    scripted.cut();

    ReceivedPacket restore = firstRequestOnTheSecondConnection(scripted);
    assertTrue(restore.is(MqttMessageType.SUBSCRIBE), "the first request is SUBSCRIBE");
    MqttSubscribeMessage subscribe = restore.as(MqttSubscribeMessage.class);
    assertEquals(List.of("a/#", "b/+"), subscribe.payload().topicSubscriptions().stream()
        .map(topic -> topic.topicFilter()).toList());
  }

  /** The listener hears Connected, ConnectionLost, Reconnecting and Connected, in order. */
  @Test
  public void required_theListenerHearsEachChangeInOrder() {
    ScriptedBroker scripted = scriptedBroker();
    List<LifecycleEvent> heard = new CopyOnWriteArrayList<>();
    connectedLoop(reconnecting(scriptedOptions()).lifecycleListener(heard::add).build());

    scripted.cut();

    Awaitility.await("a second Connected").atMost(stageTimeout()).pollInSameThread()
        .until(() -> heard.stream().filter(Connected.class::isInstance).count() == 2);
    assertInstanceOf(Connected.class, heard.get(0));
    assertInstanceOf(LifecycleEvent.ConnectionLost.class, heard.get(1));
    LifecycleEvent.Reconnecting reconnecting =
        assertInstanceOf(LifecycleEvent.Reconnecting.class, heard.get(2));
    assertEquals(1, reconnecting.attempt());
    assertInstanceOf(Connected.class, heard.get(3));
  }

  /**
   * With a limit of attempts, a broker that refuses each reconnect makes the loop give up: the
   * listener hears GaveUp and the run fails with the state.
   */
  @Test
  public void required_theLoopGivesUpAfterTheLimitOfAttempts() {
    ScriptedBroker scripted = scriptedBroker().holdAcks()
        .connacks(ConnackScript.accept(), ConnackScript.refuse(3));
    List<LifecycleEvent> heard = new CopyOnWriteArrayList<>();
    MqttOptions options = scriptedOptions().lifecycleListener(heard::add)
        .reconnect(fast(ReconnectPolicy.afterFirstConnect()).withMaxAttempts(3)).build();
    MqttEventLoop loop = connectedLoop(options);
    List<Publish> publishes = NumberedPublishes.of(2, QoS.AT_LEAST_ONCE);
    CompletionStage<Outcome> run = loop.run(Sources.from(publishes));
    awaitPublishes(scripted, 2);

    scripted.cut();

    ConnectionLostException lost = assertInstanceOf(ConnectionLostException.class,
        awaitFailure(run, "the run once the loop gave up"));
    assertEquals(publishes, lost.state().requests(), "nothing was dropped");
    LifecycleEvent.GaveUp gaveUp = assertInstanceOf(LifecycleEvent.GaveUp.class,
        heard.get(heard.size() - 1));
    assertEquals(3, gaveUp.attempts());
    assertInstanceOf(ConnectionRefusedException.class, gaveUp.cause());
    assertEquals(4, scripted.connectionCount(), "one connection, then three attempts");
    assertEquals(List.of(1, 2, 3), heard.stream()
        .filter(LifecycleEvent.Reconnecting.class::isInstance)
        .map(event -> ((LifecycleEvent.Reconnecting) event).attempt()).toList(),
        "the attempts, numbered in turn");
    assertEquals(List.of(ConnectionRefusedException.class, ConnectionRefusedException.class),
        heard.stream().filter(LifecycleEvent.Reconnecting.class::isInstance)
            .skip(1).map(event -> ((LifecycleEvent.Reconnecting) event).cause().getClass())
            .toList(), "each Reconnecting after a refusal carries it as its cause");
  }

  /**
   * A connection lost because the broker broke the protocol counts as a failed attempt: a broker
   * that sends, on every connection, a message larger than maxPacketSize (a persistent session
   * redelivering it) costs the policy's limit of connections, then the loop gives up, instead of
   * reconnecting without end.
   */
  @Test
  public void required_aBrokerBreakingTheProtocolOnEveryConnectionCostsTheAttemptLimit() {
    String topic = "mqttloop/tck/" + newClientId() + "/oversized";
    List<LifecycleEvent> heard = new CopyOnWriteArrayList<>();
    MqttOptions options = brokerOptions().cleanSession(false).maxPacketSize(64)
        .lifecycleListener(heard::add)
        .reconnect(fast(ReconnectPolicy.afterFirstConnect()).withMaxAttempts(3)).build();
    MqttEventLoop subscriber = connectedLoop(options);
    await(subscriber.run(Sources.from(List.of(Subscribe.to(topic, QoS.AT_LEAST_ONCE)))),
        "subscribing");

    MqttEventLoop publisher = connectedLoop(brokerOptions().build());
    await(publisher.run(Sources.from(List.of(Publish.of(topic, new byte[200],
        QoS.AT_LEAST_ONCE)))), "publishing 200 bytes");

    Awaitility.await().atMost(stageTimeout())
        .until(() -> heard.stream().anyMatch(LifecycleEvent.GaveUp.class::isInstance));
    LifecycleEvent.GaveUp gaveUp = assertInstanceOf(LifecycleEvent.GaveUp.class,
        heard.get(heard.size() - 1), "the last event heard");
    assertEquals(3, gaveUp.attempts(), "attempts counted: " + heard);
    assertInstanceOf(MqttProtocolException.class, gaveUp.cause());
    assertEquals(3, heard.stream().filter(Connected.class::isInstance).count(),
        "connections made before giving up: " + heard);
  }

  /** With the policy "always", the first connect is retried until the broker accepts. */
  @Test
  public void required_theAlwaysPolicyRetriesTheFirstConnect() {
    ScriptedBroker scripted = scriptedBroker().connacks(ConnackScript.refuse(3),
        ConnackScript.refuse(3), ConnackScript.accept());
    MqttOptions options = scriptedOptions().reconnect(fast(ReconnectPolicy.always())).build();

    Connected connected = await(newLoop(options).connect(), "a connect retried");

    assertEquals(scripted.port(), connected.port());
    assertEquals(3, scripted.connectionCount());
  }

  /** Without "always", a refused first connect fails at once, without a retry. */
  @Test
  public void required_aFirstConnectIsNotRetriedAfterFirstConnect() {
    ScriptedBroker scripted = scriptedBroker().connack(ConnackScript.refuse(3));
    MqttOptions options = scriptedOptions()
        .reconnect(fast(ReconnectPolicy.afterFirstConnect())).build();

    assertInstanceOf(ConnectionRefusedException.class,
        awaitFailure(newLoop(options).connect(), "a refused first connect"));
    assertEquals(1, scripted.connectionCount());
  }

  /**
   * A broker that cannot be reached for a while costs a bounded number of attempts: the delays
   * grow, so there is no busy loop.
   */
  @Test
  public void required_anUnreachableBrokerCostsABoundedNumberOfAttempts() {
    List<LifecycleEvent> heard = new CopyOnWriteArrayList<>();
    MqttOptions options = MqttOptions.builder().broker("127.0.0.1", closedPort())
        .clientId(newClientId()).lifecycleListener(heard::add)
        .reconnect(ReconnectPolicy.always().withDelays(Duration.ofMillis(10), FAST_MAX))
        .build();

    newLoop(options).connect();
    Awaitility.await("a second of attempts").pollInSameThread().during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3)).until(() -> true);

    long attempts = heard.stream().filter(LifecycleEvent.Reconnecting.class::isInstance).count();
    assertTrue(attempts >= 3 && attempts <= 15, "attempts in about a second: " + attempts);
  }

  /** Each attempt tries the next broker of the list: a dead first broker fails over. */
  @Test
  public void required_attemptsFailOverToTheNextBroker() {
    ScriptedBroker spare = scriptedBroker();
    MqttOptions options = MqttOptions.builder().clientId(newClientId())
        .brokers(List.of(new Broker("127.0.0.1", closedPort()),
            new Broker(spare.host(), spare.port())))
        .reconnect(fast(ReconnectPolicy.always())).build();

    Connected connected = await(newLoop(options).connect(), "a connect that fails over");

    assertEquals(spare.port(), connected.port());
  }

  /**
   * An incoming QoS 2 message whose PUBREC went out before a cut is not delivered again when the
   * broker resends it into the resumed session; its PUBREL still gets PUBCOMP (4.3.3-2).
   */
  @Test
  public void required_MQTT_4_3_3_2_anIncomingQos2IsDeliveredOnceAcrossAReconnect() {
    ScriptedBroker scripted = scriptedBroker()
        .connacks(ConnackScript.accept(), ConnackScript.acceptWithSessionPresent());
    RecordingSubscriber inbox = RecordingSubscriber.takingAll();
    MqttEventLoop loop = newLoop(reconnecting(scriptedOptions()).build());
    loop.messages().subscribe(inbox);
    connect(loop);
    scripted.send(BrokerPackets.publish("once", 2, 7, PAYLOAD));
    scripted.awaitPacket(ReceivedPacket.ofType(MqttMessageType.PUBREC, 7), stageTimeout());

    scripted.cut();
    Awaitility.await("the reconnect").atMost(stageTimeout()).pollInSameThread()
        .until(() -> scripted.connectionCount() == 2 && !scripted.received().stream()
            .filter(p -> p.connection() == 1).toList().isEmpty());
    scripted.send(BrokerPackets.publish("once", 2, 7, true, false, PAYLOAD));
    scripted.awaitPacket(p -> p.connection() == 1 && p.is(MqttMessageType.PUBREC),
        stageTimeout());
    scripted.send(BrokerPackets.pubrel(7));

    scripted.awaitPacket(ReceivedPacket.ofType(MqttMessageType.PUBCOMP, 7), stageTimeout());
    assertEquals(1, inbox.received().size(), "delivered once: " + inbox.received());
  }

  /**
   * An incoming QoS 2 message whose PUBREC went out survives a handed-over state: a new loop
   * resuming it does not deliver the broker's resend again, and answers PUBREL with PUBCOMP
   * (MQTT-4.3.3-2).
   */
  @Test
  public void required_MQTT_4_3_3_2_anIncomingQos2AwaitingReleaseSurvivesAHandover() {
    ScriptedBroker scripted = scriptedBroker()
        .connacks(ConnackScript.accept(), ConnackScript.acceptWithSessionPresent());
    MqttOptions options = scriptedOptions().cleanSession(false).build();
    MqttEventLoop first = newLoop(options);
    RecordingSubscriber firstInbox = RecordingSubscriber.takingAll();
    first.messages().subscribe(firstInbox);
    connect(first);
    scripted.send(BrokerPackets.publish("handed", 2, 7, PAYLOAD));
    scripted.awaitPacket(ReceivedPacket.ofType(MqttMessageType.PUBREC, 7), stageTimeout());
    firstInbox.awaitCount(1, stageTimeout());
    MqttState handed = await(first.execute(Command.shutdown()), "shutdown").state();
    assertEquals(List.of(7), handed.awaitingRelease());

    RecordingSubscriber nextInbox = RecordingSubscriber.takingAll();
    MqttEventLoop next = newLoop(options, handed);
    next.messages().subscribe(nextInbox);
    connect(next);
    scripted.send(BrokerPackets.publish("handed", 2, 7, true, false, PAYLOAD));
    scripted.awaitPacket(p -> p.connection() == 1 && p.is(MqttMessageType.PUBREC),
        stageTimeout());
    scripted.send(BrokerPackets.pubrel(7));

    scripted.awaitPacket(p -> p.connection() == 1 && p.is(MqttMessageType.PUBCOMP)
        && p.packetId() == 7, stageTimeout());
    assertEquals(List.of(), nextInbox.received(), "the resend is not delivered again");
  }

  /** A manual acknowledgement of a message from a lost connection is not sent on the next. */
  @Test
  public void required_aManualAckFromALostConnectionIsNotSentOnTheNext() {
    ScriptedBroker scripted = scriptedBroker();
    RecordingSubscriber inbox = RecordingSubscriber.takingAll();
    MqttEventLoop loop = newLoop(reconnecting(scriptedOptions()).manualAcknowledgement(true)
        .build());
    loop.messages().subscribe(inbox);
    connect(loop);
    scripted.send(BrokerPackets.publish("old", 1, 4, PAYLOAD));
    Message old = inbox.awaitCount(1, stageTimeout()).get(0);

    scripted.cut();
    Awaitility.await("the reconnect").atMost(stageTimeout()).pollInSameThread()
        .until(() -> scripted.connectionCount() == 2);
    old.acknowledge();
    scripted.send(BrokerPackets.publish("new", 1, 5, PAYLOAD));
    inbox.awaitCount(2, stageTimeout()).get(1).acknowledge();

    scripted.awaitPacket(ReceivedPacket.ofType(MqttMessageType.PUBACK, 5), stageTimeout());
    assertTrue(scripted.received(MqttMessageType.PUBACK).stream()
        .noneMatch(p -> p.packetId() == 4), "no PUBACK for the old connection's message");
  }

  /**
   * A client that only sends QoS 0 and hears nothing back still finds out that its broker went
   * silent: the PINGREQ goes out on reader idle, and the loop reconnects. The stream is steady at
   * 2,000 publishes a second, so that the writer is never idle for a keep-alive interval; an
   * unthrottled one would also have the scripted broker record every packet, and the test's own
   * load decide how fast the loss is found.
   */
  @Test
  public void required_aSteadyQos0StreamDoesNotHideADeadLink() {
    ScriptedBroker scripted = scriptedBroker();
    List<LifecycleEvent> heard = new CopyOnWriteArrayList<>();
    MqttEventLoop loop = connectedLoop(reconnecting(scriptedOptions()).keepAliveSeconds(1)
        .lifecycleListener(heard::add).build());
    await(loop.execute(Command.throttle(2_000)), "a throttle of 2,000 publishes a second");
    scripted.silence();

    loop.run(Sources.from(NumberedPublishes.endless(QoS.AT_MOST_ONCE)));

    Awaitility.await("the loss found").atMost(Duration.ofSeconds(10)).pollInSameThread()
        .until(() -> heard.stream().anyMatch(LifecycleEvent.ConnectionLost.class::isInstance));
    LifecycleEvent.ConnectionLost lost = heard.stream()
        .filter(LifecycleEvent.ConnectionLost.class::isInstance)
        .map(LifecycleEvent.ConnectionLost.class::cast).findFirst().orElseThrow();
    assertFalse(lost.cause() instanceof ConnectionRefusedException);
    assertTrue(scripted.received(MqttMessageType.PINGREQ).size() >= 1);
  }

  /**
   * The first packet after CONNECT on the scripted broker's second connection, where a loop with
   * no session left restores its subscriptions.
   */
  private ReceivedPacket firstRequestOnTheSecondConnection(ScriptedBroker scripted) {
    try {
      return scripted.awaitPacket(p -> p.connection() == 1 && !p.is(MqttMessageType.CONNECT),
          stageTimeout());
    } catch (AssertionError nothingSent) {
      throw new AssertionError("no SUBSCRIBE restored the subscriptions on the new connection: "
          + nothingSent.getMessage(), nothingSent);
    }
  }

  /** {@code builder} with a policy that reconnects after the first connect, quickly. */
  protected static MqttOptions.Builder reconnecting(MqttOptions.Builder builder) {
    return builder.reconnect(fast(ReconnectPolicy.afterFirstConnect()));
  }

  /** {@code policy} with short delays, so that tests do not wait long. */
  protected static ReconnectPolicy fast(ReconnectPolicy policy) {
    return policy.withDelays(FAST_FIRST, FAST_MAX);
  }
}
