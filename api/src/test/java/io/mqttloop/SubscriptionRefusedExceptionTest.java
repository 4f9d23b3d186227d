package io.mqttloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionRefusedExceptionTest {
  private final Subscription a = new Subscription("a", QoS.AT_MOST_ONCE);
  private final Subscription b = new Subscription("b/+", QoS.AT_LEAST_ONCE);
  private final Subscription c = new Subscription("c/#", QoS.EXACTLY_ONCE);
  private final Subscription d = new Subscription("d", QoS.AT_LEAST_ONCE);
  private final Subscribe subscribe = Subscribe.to(List.of(a, b, c, d));

  @Test
  void refusedListsExactlyTheSubscriptionsGrantedNullInTheirOrder() {
    SubscriptionRefusedException refusal = new SubscriptionRefusedException(subscribe,
        Arrays.asList(null, QoS.AT_LEAST_ONCE, null, QoS.AT_MOST_ONCE));

    assertEquals(List.of(a, c), refusal.refused());
  }

  @Test
  void refusedListsEverySubscriptionWhenAllAreRefused() {
    SubscriptionRefusedException refusal = new SubscriptionRefusedException(subscribe,
        Arrays.asList(null, null, null, null));

    assertEquals(List.of(a, b, c, d), refusal.refused());
  }

  @Test
  void refusedIsEmptyWhenNoEntryIsNull() {
    SubscriptionRefusedException refusal = new SubscriptionRefusedException(subscribe,
        List.of(QoS.AT_MOST_ONCE, QoS.AT_MOST_ONCE, QoS.AT_LEAST_ONCE, QoS.EXACTLY_ONCE));

    assertEquals(List.of(), refusal.refused());
  }

  @Test
  void grantedKeepsEveryEntryInOrderNullsIncludedAndCannotBeChanged() {
    List<QoS> answer = Arrays.asList(QoS.EXACTLY_ONCE, null, QoS.AT_MOST_ONCE, null);
    SubscriptionRefusedException refusal = new SubscriptionRefusedException(subscribe, answer);

    answer.set(0, null);

    assertEquals(Arrays.asList(QoS.EXACTLY_ONCE, null, QoS.AT_MOST_ONCE, null),
        refusal.granted());
    assertThrows(UnsupportedOperationException.class, () -> refusal.granted().set(1, null));
    assertThrows(UnsupportedOperationException.class, () -> refusal.refused().clear());
  }

  @Test
  void theMessageNamesTheRefusedFiltersOnly() {
    SubscriptionRefusedException refusal = new SubscriptionRefusedException(subscribe,
        Arrays.asList(QoS.AT_MOST_ONCE, null, QoS.EXACTLY_ONCE, QoS.AT_LEAST_ONCE));

    assertTrue(refusal.getMessage().contains("filter=b/+"), refusal.getMessage());
    assertFalse(refusal.getMessage().contains("filter=c/#"), refusal.getMessage());
  }
}
