package io.mqttloop;

import static io.mqttloop.Refusals.assertRefused;
import static io.mqttloop.Refusals.assertRefusedNaming;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mqttloop.spi.LoopStage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class SubscribeTest {
  private final Subscription sport = new Subscription("sport/#", QoS.EXACTLY_ONCE);
  private final Subscription news = new Subscription("news/+", QoS.AT_MOST_ONCE);

  @Test
  void anEmptyListOfSubscriptionsIsRefused() {
    assertRefused("subscriptions must not be empty (MQTT-3.8.3-3)", () -> Subscribe.to(List.of()));
  }

  @Test
  void aSubscriptionToOneFilterKeepsItsFilterAndQos() {
    Subscribe subscribe = Subscribe.to("a/+/c", QoS.AT_LEAST_ONCE);

    assertEquals(List.of(new Subscription("a/+/c", QoS.AT_LEAST_ONCE)), subscribe.subscriptions());
  }

  @Test
  void subscriptionsAreSentInTheOrderGivenAndLaterChangesToTheListAreIgnored() {
    List<Subscription> given = new ArrayList<>(List.of(sport, news));

    Subscribe subscribe = Subscribe.to(given);
    given.clear();

    assertEquals(List.of(sport, news), subscribe.subscriptions());
    assertThrows(UnsupportedOperationException.class, () -> subscribe.subscriptions().clear());
  }

  @Test
  void aSubscriptionWithAnInvalidFilterCannotBeMadeSoNoListHoldsOne() {
    assertRefusedNaming("filter", "a/#/b", "'#'",
        () -> Subscribe.to(List.of(sport, new Subscription("a/#/b", QoS.AT_MOST_ONCE))));
  }

  @Test
  void aSubscriptionWithoutQosIsRefused() {
    NullPointerException refused = assertThrows(NullPointerException.class,
        () -> new Subscription("a", null));

    assertEquals("qos", refused.getMessage());
  }

  @Test
  void theStageCompletesWithTheGrantedQosOfEachSubscriptionInOrder() throws Exception {
    Subscribe subscribe = Subscribe.to(List.of(sport, news));
    CompletableFuture<List<QoS>> granted = subscribe.completion().toCompletableFuture();

    LoopStage.of(subscribe).succeed(List.of(QoS.AT_LEAST_ONCE, QoS.AT_MOST_ONCE));

    assertEquals(List.of(QoS.AT_LEAST_ONCE, QoS.AT_MOST_ONCE), granted.get());
  }

  @Test
  void theStageFailsWithTheRefusalWhenTheBrokerRefusesAFilter() {
    Subscribe subscribe = Subscribe.to(List.of(sport, news));
    SubscriptionRefusedException refusal =
        new SubscriptionRefusedException(subscribe, Arrays.asList(QoS.EXACTLY_ONCE, null));

    LoopStage.of(subscribe).fail(refusal);

    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> subscribe.completion().toCompletableFuture().get());
    assertSame(refusal, failure.getCause());
    assertInstanceOf(MqttException.class, failure.getCause());
  }

  @Test
  void theApplicationCannotCompleteTheStage() {
    Subscribe subscribe = Subscribe.to("a", QoS.AT_MOST_ONCE);

    assertThrows(UnsupportedOperationException.class,
        () -> LoopStage.of(subscribe).complete(List.of()));
    subscribe.completion().toCompletableFuture().complete(List.of());

    assertFalse(subscribe.completion().toCompletableFuture().isDone());
  }
}
