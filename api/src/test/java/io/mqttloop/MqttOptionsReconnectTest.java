package io.mqttloop;

import static io.mqttloop.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The options of {@link MqttOptions} that concern brokers, reconnection and the listener. */
class MqttOptionsReconnectTest {
  private final Broker first = new Broker("a.example", 1883);
  private final Broker second = new Broker("b.example", 8883);
  private final LifecycleListener listener = event -> { };
  private final ReconnectPolicy policy = ReconnectPolicy.always().withMaxAttempts(5)
      .withDelays(Duration.ofSeconds(1), Duration.ofMinutes(1)).withMultiplier(1.5);

  @Test
  void theDefaultsAreLocalhostNoReconnectionAndNoListener() {
    MqttOptions options = MqttOptions.builder().build();

    assertEquals(List.of(new Broker("localhost", 1883)), options.brokers());
    assertEquals(ReconnectPolicy.never(), options.reconnect());
    assertEquals(ReconnectPolicy.When.NEVER, options.reconnect().when());
    assertSame(LifecycleListener.NONE, options.lifecycleListener());
  }

  @Test
  void hostAndPortAreThoseOfTheFirstBroker() {
    MqttOptions options = MqttOptions.builder().brokers(List.of(first, second)).build();

    assertEquals(List.of(first, second), options.brokers());
    assertEquals("a.example", options.host());
    assertEquals(1883, options.port());
  }

  @Test
  void theBrokersAreCopiedAndCannotBeChanged() {
    List<Broker> given = new ArrayList<>(List.of(first));
    MqttOptions options = MqttOptions.builder().brokers(given).build();
    given.set(0, second);

    assertEquals(List.of(first), options.brokers());
    assertThrows(UnsupportedOperationException.class, () -> options.brokers().add(second));
  }

  @Test
  void oneBrokerReplacesTheListAndAListReplacesTheBroker() {
    MqttOptions.Builder builder = MqttOptions.builder().brokers(List.of(first, second));

    assertEquals(List.of(new Broker("c", 1)), builder.broker("c", 1).build().brokers());
    assertEquals(List.of(second), builder.brokers(List.of(second)).build().brokers());
  }

  @Test
  void aRefusedBrokerListIsNamedAndLeavesTheBuilderAsItWas() {
    MqttOptions.Builder builder = MqttOptions.builder().brokers(List.of(first, second));

    assertRefused("brokers must name at least one broker", () -> builder.brokers(List.of()));
    assertRefused("port must be within 1..65535, was 0", () -> builder.broker("c", 0));
    assertRefused("host must not be blank, was \"\"", () -> builder.broker("", 1883));
    assertEquals("brokers must not hold null, was [" + first + ", null]",
        assertThrowsExactly(NullPointerException.class,
            () -> builder.brokers(Arrays.asList(first, null))).getMessage());
    assertEquals("brokers", assertThrowsExactly(NullPointerException.class,
        () -> builder.brokers(null)).getMessage());
    assertEquals(List.of(first, second), builder.build().brokers());
  }

  @Test
  void aMissingPolicyOrListenerIsRefusedByName() {
    assertEquals("reconnect", assertThrowsExactly(NullPointerException.class,
        () -> MqttOptions.builder().reconnect(null)).getMessage());
    assertEquals("lifecycleListener", assertThrowsExactly(NullPointerException.class,
        () -> MqttOptions.builder().lifecycleListener(null)).getMessage());
  }

  @Test
  void theBuilderAndToBuilderKeepBrokersPolicyAndListener() {
    MqttOptions options = MqttOptions.builder().brokers(List.of(first, second)).reconnect(policy)
        .lifecycleListener(listener).build();
    MqttOptions copy = options.toBuilder().build();

    for (MqttOptions each : List.of(options, copy)) {
      assertEquals(List.of(first, second), each.brokers());
      assertEquals(policy, each.reconnect());
      assertSame(listener, each.lifecycleListener());
    }
  }

  @Test
  void toStringShowsTheBrokersAndThePolicy() {
    String shown = MqttOptions.builder().brokers(List.of(first, second)).reconnect(policy).build()
        .toString();

    assertTrue(shown.contains("brokers=[a.example:1883, b.example:8883]"), shown);
    assertTrue(shown.contains("reconnect=" + policy), shown);
  }
}
