package io.mqttloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;

import io.mqttloop.LifecycleEvent.ConnectionLost;
import io.mqttloop.LifecycleEvent.GaveUp;
import io.mqttloop.LifecycleEvent.Reconnecting;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The {@link LifecycleEvent} records refuse missing fields by name and keep the others. */
class LifecycleEventTest {
  private final Broker broker = new Broker("example.com", 1883);
  private final IOException cause = new IOException("refused");
  private final Duration delay = Duration.ofMillis(75);

  @Test
  void eachMissingFieldIsRefusedByName() {
    assertMissing("broker", () -> new ConnectionLost(null, cause));
    assertMissing("cause", () -> new ConnectionLost(broker, null));
    assertMissing("delay", () -> new Reconnecting(1, null, broker, cause));
    assertMissing("broker", () -> new Reconnecting(1, delay, null, cause));
    assertMissing("cause", () -> new Reconnecting(1, delay, broker, null));
    assertMissing("cause", () -> new GaveUp(3, null));
    assertMissing("host", () -> new Connected(null, 1883, false));
  }

  @Test
  void eachEventKeepsItsFields() {
    ConnectionLost lost = new ConnectionLost(broker, cause);
    Reconnecting reconnecting = new Reconnecting(2, delay, broker, cause);
    GaveUp gaveUp = new GaveUp(5, cause);

    assertEquals(List.of(broker, cause), List.of(lost.broker(), lost.cause()));
    assertEquals(List.of(2, delay, broker, cause), List.of(reconnecting.attempt(),
        reconnecting.delay(), reconnecting.broker(), reconnecting.cause()));
    assertEquals(List.of(5, cause), List.of(gaveUp.attempts(), gaveUp.cause()));
  }

  @Test
  void aListenerHearsEachKindOfEventAndNoneHearsWithoutFailing() {
    List<LifecycleEvent> heard = new ArrayList<>();
    LifecycleListener listener = heard::add;
    List<LifecycleEvent> events = List.of(new Connected("example.com", 1883, true),
        new ConnectionLost(broker, cause), new Reconnecting(1, delay, broker, cause),
        new GaveUp(1, cause));

    events.forEach(listener::on);
    events.forEach(LifecycleListener.NONE::on);

    assertEquals(events, heard);
  }

  @Test
  void reconnectingRefusesAnAttemptBelowOneAndANegativeDelay() {
    assertEquals("attempt counts from 1, was 0", assertThrowsExactly(
        IllegalArgumentException.class,
        () -> new Reconnecting(0, delay, broker, cause)).getMessage());
    assertEquals("delay must not be negative, was PT-0.001S", assertThrowsExactly(
        IllegalArgumentException.class,
        () -> new Reconnecting(1, Duration.ofMillis(-1), broker, cause)).getMessage());
  }

  @Test
  void gaveUpRefusesANegativeCount() {
    assertEquals("attempts must not be negative, was -1", assertThrowsExactly(
        IllegalArgumentException.class, () -> new GaveUp(-1, cause)).getMessage());
  }

  private static void assertMissing(String field, Executable making) {
    assertEquals(field, assertThrowsExactly(NullPointerException.class, making).getMessage());
  }
}
