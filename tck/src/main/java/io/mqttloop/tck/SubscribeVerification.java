package io.mqttloop.tck;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttloop.Command;
import io.mqttloop.Connected;
import io.mqttloop.Message;
import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import io.mqttloop.Outcome;
import io.mqttloop.Publish;
import io.mqttloop.QoS;
import io.mqttloop.Receivers;
import io.mqttloop.Request;
import io.mqttloop.Sources;
import io.mqttloop.Subscribe;
import io.mqttloop.Subscription;
import io.mqttloop.Unsubscribe;
import io.mqttloop.Will;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rules of subscribing and receiving against a real broker: granted QoS, delivery at each QoS,
 * unsubscribing, overlapping and retained subscriptions, wills and persistent sessions.
 */
public abstract class SubscribeVerification extends MqttEventLoopVerification {
  private static final Duration QUIET = Duration.ofMillis(500);

  /** For subclasses, which write {@link #createLoop}. */
  protected SubscribeVerification() {}

  /** A subscribe to several filters completes with the QoS granted to each, in order. */
  @Test
  public void required_aSubscribeCompletesWithTheGrantedQosOfEachFilter() {
    MqttEventLoop loop = connectedLoop(brokerOptions().build());
    Subscribe subscribe = Subscribe.to(List.of(
        new Subscription(uniqueTopic("a") + "/#", QoS.AT_MOST_ONCE),
        new Subscription(uniqueTopic("b") + "/+", QoS.AT_LEAST_ONCE),
        new Subscription(uniqueTopic("c"), QoS.EXACTLY_ONCE)));

    await(loop.run(Sources.from(List.of(subscribe))), "a run of one subscribe");

    assertEquals(List.of(QoS.AT_MOST_ONCE, QoS.AT_LEAST_ONCE, QoS.EXACTLY_ONCE),
        await(subscribe.completion(), "the subscribe's stage"));
  }

  /** Messages published at each QoS arrive once each, in order, with their topic and payload. */
  @ParameterizedTest
  @EnumSource(QoS.class)
  public void required_messagesArriveAtEachQosInOrderWithTheirPayload(QoS qos) {
    String topic = uniqueTopic("deliver");
    RecordingSubscriber inbox = RecordingSubscriber.takingAll();
    subscribedLoop(inbox, Subscribe.to(topic, QoS.EXACTLY_ONCE));
    List<Publish> publishes = NumberedPublishes.of(200, qos, topic);

    await(connectedLoop(brokerOptions().build()).run(Sources.from(publishes)), "publishing");

    List<Message> received = inbox.awaitCount(200, stageTimeout());
    assertEquals(200, received.size(), "each message once");
    for (int i = 0; i < received.size(); i++) {
      Message message = received.get(i);
      assertEquals(topic, message.topic());
      assertEquals(qos, message.qos(), "delivered at the publish's QoS");
      assertEquals(i, NumberedPublishes.numberOf(message.payloadBytes()), "in order");
    }
  }

  /** After UNSUBACK, messages on the filter no longer arrive. */
  @Test
  public void required_anUnsubscribeStopsDelivery() {
    String topic = uniqueTopic("unsubscribe");
    RecordingSubscriber inbox = RecordingSubscriber.takingAll();
    MqttEventLoop loop = subscribedLoop(inbox, Subscribe.to(topic, QoS.AT_LEAST_ONCE));
    MqttEventLoop publisher = connectedLoop(brokerOptions().build());
    await(publisher.run(Sources.from(NumberedPublishes.of(1, QoS.AT_LEAST_ONCE, topic))),
        "a publish while subscribed");
    inbox.awaitCount(1, stageTimeout());
    Unsubscribe unsubscribe = Unsubscribe.from(topic);

    await(loop.run(Sources.from(List.of(unsubscribe))), "a run of one unsubscribe");
    await(publisher.run(Sources.from(NumberedPublishes.of(3, QoS.AT_LEAST_ONCE, topic))),
        "publishes after the unsubscribe");

    assertEquals(unsubscribe, await(unsubscribe.completion(), "the unsubscribe's stage"));
    assertReceivedStays(inbox, 1);
  }

  /**
   * A message matching two of the client's subscriptions arrives, once or once per subscription
   * as the broker decides, and never above the QoS of the publish.
   */
  @Test
  public void required_overlappingSubscriptionsDeliverTheMessage() {
    String topic = uniqueTopic("overlap");
    RecordingSubscriber inbox = RecordingSubscriber.takingAll();
    subscribedLoop(inbox, Subscribe.to(List.of(new Subscription(topic + "/#", QoS.AT_MOST_ONCE),
        new Subscription(topic + "/b", QoS.EXACTLY_ONCE))));

    await(connectedLoop(brokerOptions().build()).run(Sources.from(
        NumberedPublishes.of(1, QoS.AT_LEAST_ONCE, topic + "/b"))), "one publish");

    List<Message> received = inbox.awaitCount(1, stageTimeout());
    assertTrue(received.size() <= 2, "at most a copy per subscription: " + received);
    for (Message message : received) {
      assertTrue(message.qos().value() <= QoS.AT_LEAST_ONCE.value(), message.toString());
    }
  }

  /**
   * A retained message reaches a later subscriber. The retain flag is the broker's to set
   * (MQTT-3.3.1-8, a server rule): mosquitto sets it, Moquette 0.17 does not, so it is checked
   * against mosquitto only; the scripted rules check that the client passes it on as sent.
   */
  @Test
  public void required_aRetainedMessageReachesALaterSubscriber() {
    String topic = uniqueTopic("retained");
    MqttEventLoop publisher = connectedLoop(brokerOptions().build());
    Publish retained = Publish.builder(topic).payload("kept".getBytes(UTF_8)).qos(1)
        .retain(true).build();
    await(publisher.run(Sources.from(List.of(retained))), "a retained publish");

    RecordingSubscriber inbox = RecordingSubscriber.takingAll();
    subscribedLoop(inbox, Subscribe.to(topic, QoS.AT_LEAST_ONCE));

    Message message = inbox.awaitCount(1, stageTimeout()).get(0);
    assertArrayEquals("kept".getBytes(UTF_8), message.payloadBytes());
    if (broker().kind().equals("mosquitto")) {
      assertTrue(message.retain(), "sent from the retained messages");
    }
    Publish clear = Publish.builder(topic).qos(1).retain(true).build();
    await(publisher.run(Sources.from(List.of(clear))), "clearing the retained message");
  }

  /** The will is published when the client's connection ends without DISCONNECT. */
  @Test
  public void required_theWillIsPublishedWhenTheConnectionEndsWithoutDisconnect() {
    String topic = uniqueTopic("will");
    RecordingSubscriber inbox = RecordingSubscriber.takingAll();
    subscribedLoop(inbox, Subscribe.to(topic, QoS.AT_LEAST_ONCE));
    Will will = Will.of(topic, "gone".getBytes(UTF_8), QoS.AT_LEAST_ONCE, false);
    MqttEventLoop dying = connectedLoop(brokerOptions().will(will).build());

    await(dying.execute(Command.shutdown()), "a shutdown, which sends no DISCONNECT");

    Message message = inbox.awaitCount(1, stageTimeout()).get(0);
    assertArrayEquals("gone".getBytes(UTF_8), message.payloadBytes());
  }

  /** The will is not published after a clean disconnect. */
  @Test
  public void required_theWillIsNotPublishedAfterADisconnect() {
    String topic = uniqueTopic("no-will");
    RecordingSubscriber inbox = RecordingSubscriber.takingAll();
    subscribedLoop(inbox, Subscribe.to(topic, QoS.AT_LEAST_ONCE));
    Will will = Will.of(topic, "gone".getBytes(UTF_8), QoS.AT_LEAST_ONCE, false);
    MqttEventLoop leaving = connectedLoop(brokerOptions().will(will).build());

    await(leaving.execute(Command.disconnect()), "a disconnect");

    assertReceivedStays(inbox, 0);
  }

  /**
   * With clean session false, the broker keeps the subscription while the client is away and
   * delivers at reconnect what was published meanwhile (MQTT-3.1.2-4).
   */
  @Test
  public void required_MQTT_3_1_2_4_aPersistentSessionGetsWhatWasPublishedWhileAway() {
    String topic = uniqueTopic("persistent");
    String clientId = newClientId();
    MqttOptions persistent = brokerOptions().clientId(clientId).cleanSession(false).build();
    MqttEventLoop first = connectedLoop(persistent);
    await(first.run(Sources.from(List.of(Subscribe.to(topic, QoS.AT_LEAST_ONCE)))),
        "subscribing");
    await(first.execute(Command.disconnect()), "leaving");
    await(connectedLoop(brokerOptions().build()).run(Sources.from(
        NumberedPublishes.of(3, QoS.AT_LEAST_ONCE, topic))), "publishing while away");

    RecordingSubscriber inbox = RecordingSubscriber.takingAll();
    MqttEventLoop second = newLoop(persistent);
    second.messages().subscribe(inbox);
    Connected connected = await(second.connect(), "coming back");

    assertTrue(connected.sessionPresent(), "the broker kept the session");
    assertEquals(3, inbox.awaitCount(3, stageTimeout()).size());
    await(second.execute(Command.disconnect()), "leaving");
    await(cleanSession(clientId).execute(Command.disconnect()), "clearing the session");
  }

  /**
   * A consumer that takes nothing for three keep-alive intervals, while reading is held back,
   * keeps its connection: PINGREQ goes on, and the messages arrive once it takes them.
   */
  @Test
  public void required_aPausedConsumerKeepsItsConnectionAlive() {
    String topic = uniqueTopic("paused");
    RecordingSubscriber inbox = RecordingSubscriber.takingNone();
    MqttEventLoop loop = newLoop(brokerOptions().keepAliveSeconds(1).maxBufferedMessages(4)
        .build());
    loop.messages().subscribe(inbox);
    connect(loop);
    await(loop.run(Sources.from(List.of(Subscribe.to(topic, QoS.AT_LEAST_ONCE)))), "subscribe");
    await(connectedLoop(brokerOptions().build()).run(Sources.from(
        NumberedPublishes.of(100, QoS.AT_LEAST_ONCE, topic))), "100 publishes");

    Awaitility.await("three keep-alive intervals without taking").pollInSameThread()
        .during(Duration.ofMillis(3_200)).atMost(Duration.ofSeconds(5))
        .until(() -> inbox.received().isEmpty());
    inbox.take(Long.MAX_VALUE);

    assertEquals(100, inbox.awaitCount(100, stageTimeout()).size());
    assertInstanceOf(Outcome.Completed.class,
        await(loop.run(Sources.from(List.of())), "a run on the same connection"));
  }

  /** When the loop closes, its messages' subscriber is told so with onComplete. */
  @Test
  public void required_theMessagesCompleteWhenTheLoopCloses() {
    RecordingSubscriber inbox = RecordingSubscriber.takingAll();
    MqttEventLoop loop = subscribedLoop(inbox, Subscribe.to(uniqueTopic("end"), QoS.AT_MOST_ONCE));

    await(loop.execute(Command.disconnect()), "disconnect");

    Awaitility.await("onComplete").atMost(stageTimeout()).pollInSameThread()
        .until(inbox::completed);
  }

  /**
   * A topic starting with $ reaches a subscription that names it. Whether a wildcard at the top
   * level matches it is the broker's to decide; mosquitto does not, as MQTT 3.1.1 advises.
   */
  @Test
  public void required_aDollarTopicReachesASubscriptionThatNamesIt() {
    String unique = newClientId();
    String dollarTopic = "$mqttloop/" + unique + "/x";
    RecordingSubscriber named = RecordingSubscriber.takingAll();
    RecordingSubscriber wildcard = RecordingSubscriber.takingAll();
    subscribedLoop(named, Subscribe.to(dollarTopic, QoS.AT_LEAST_ONCE));
    subscribedLoop(wildcard, Subscribe.to("+/" + unique + "/x", QoS.AT_LEAST_ONCE));

    await(connectedLoop(brokerOptions().build()).run(Sources.from(
        NumberedPublishes.of(1, QoS.AT_LEAST_ONCE, dollarTopic))), "a publish to a $ topic");

    assertEquals(dollarTopic, named.awaitCount(1, stageTimeout()).get(0).topic());
    if (broker().kind().equals("mosquitto")) {
      assertReceivedStays(wildcard, 0);
    }
  }

  /** An empty client id with a clean session connects: the broker assigns one. */
  @Test
  public void required_anEmptyClientIdWithACleanSessionConnects() {
    MqttOptions options = brokerOptions().clientId("").cleanSession(true).build();

    Connected connected = await(newLoop(options).connect(), "connect with an empty client id");

    assertFalse(connected.sessionPresent());
  }

  /**
   * A message handler that publishes for each message it receives, through the source of a run
   * that is going, and chains on the publishes' stages, never blocks the loop: all complete,
   * with no keep-alive to wake a run that stopped asking its source.
   */
  @Test
  public void required_aHandlerThatPublishesForEachMessageNeverBlocks() {
    String inTopic = uniqueTopic("in");
    SubmissionPublisher<Request> replies = new SubmissionPublisher<>(Runnable::run, 4_096);
    AtomicInteger chained = new AtomicInteger();
    MqttEventLoop relay = newLoop(brokerOptions().keepAliveSeconds(0).build());
    relay.messages().subscribe(Receivers.handle(message -> {
      Publish reply = Publish.of(uniqueTopic("out"), message.payloadBytes(), QoS.AT_LEAST_ONCE);
      if (replies.offer(reply, (subscriber, dropped) -> false) < 0) {
        asyncErrors().record(new AssertionError("the replies' source was full"));
      }
      reply.completion().thenApply(Publish::topic).thenRun(chained::incrementAndGet);
    }));
    connect(relay);
    CompletionStage<Outcome> relaying = relay.run(replies);
    assertTrue(replies.hasSubscribers(), "run() subscribed to its source before it returned");
    Subscribe subscribe = Subscribe.to(inTopic, QoS.AT_LEAST_ONCE);
    replies.offer(subscribe, null);
    await(subscribe.completion(), "the relay's subscribe");

    await(connectedLoop(brokerOptions().build()).run(Sources.from(
        NumberedPublishes.of(2_000, QoS.AT_LEAST_ONCE, inTopic))), "2,000 publishes to relay");

    Awaitility.await("2,000 replies acknowledged and chained on").atMost(stageTimeout())
        .pollInSameThread().until(() -> chained.get() == 2_000);
    replies.close();
    assertInstanceOf(Outcome.Completed.class, await(relaying, "the relay's run"));
  }

  /**
   * A blocking join on the loop's thread, here in a message handler on a stage derived from a
   * request's, fails fast.
   */
  @Test
  public void required_aBlockingJoinOnTheLoopsThreadFailsFast() {
    String topic = uniqueTopic("join");
    AtomicReference<Throwable> refusal = new AtomicReference<>();
    MqttEventLoop loop = newLoop(brokerOptions().build());
    loop.messages().subscribe(Receivers.handle(message -> {
      Publish never = Publish.of(topic + "/never", new byte[0], QoS.AT_LEAST_ONCE);
      try {
        never.completion().thenApply(Publish::topic).toCompletableFuture().join();
      } catch (RuntimeException e) {
        refusal.set(e);
      }
    }));
    connect(loop);
    await(loop.run(Sources.from(List.of(Subscribe.to(topic, QoS.AT_MOST_ONCE)))), "subscribe");

    await(connectedLoop(brokerOptions().build()).run(Sources.from(
        NumberedPublishes.of(1, QoS.AT_MOST_ONCE, topic))), "a message for the handler");

    Awaitility.await("the handler's join refused").atMost(stageTimeout()).pollInSameThread()
        .until(() -> refusal.get() != null);
    assertInstanceOf(IllegalStateException.class, refusal.get(), "the join's refusal");
    assertTrue(refusal.get().getMessage().contains("event loop's thread"),
        refusal.get().getMessage());
  }

  private MqttEventLoop cleanSession(String clientId) {
    return connectedLoop(brokerOptions().clientId(clientId).cleanSession(true).build());
  }

  /** A loop whose messages go to {@code inbox}, connected and subscribed with {@code subscribe}. */
  protected final MqttEventLoop subscribedLoop(RecordingSubscriber inbox, Subscribe subscribe) {
    MqttEventLoop loop = newLoop(brokerOptions().build());
    loop.messages().subscribe(inbox);
    connect(loop);
    List<Request> requests = List.of(subscribe);
    await(loop.run(Sources.from(requests)), "subscribe to " + subscribe.subscriptions());
    await(subscribe.completion(), "the SUBACK");
    return loop;
  }

  private void assertReceivedStays(RecordingSubscriber inbox, int count) {
    Awaitility.await("the subscriber keeps " + count + " messages").pollInSameThread()
        .during(QUIET).atMost(QUIET.multipliedBy(4))
        .until(() -> inbox.received().size() == count);
  }

  /** A topic no other test or run uses. */
  protected static String uniqueTopic(String name) {
    return "mqttloop/tck/" + newClientId() + "/" + name;
  }
}
