package io.mqttloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MqttStateTest {
  private final Publish first = Publish.of("a", new byte[0], QoS.AT_LEAST_ONCE);
  private final Publish second = Publish.of("b", new byte[0], QoS.EXACTLY_ONCE);
  private final Publish third = Publish.of("c", new byte[0], QoS.AT_MOST_ONCE);

  @Test
  void requestsListsThoseInFlightThenThoseUnsent() {
    MqttState state = new MqttState(List.of(new MqttState.InFlight(7, first, false),
        new MqttState.InFlight(3, second, true)), List.of(third));

    assertEquals(List.of(first, second, third), state.requests());
  }

  @Test
  void twoEntriesInFlightMayNotShareAPacketId() {
    List<MqttState.InFlight> sharing = List.of(new MqttState.InFlight(7, first, false),
        new MqttState.InFlight(7, second, false));

    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> new MqttState(sharing, List.of()));
    assertEquals("inFlight must not share a packet id, 7 appears twice", refused.getMessage());
  }

  @Test
  void anEntryInFlightIsChecked() {
    assertThrows(IllegalArgumentException.class, () -> new MqttState.InFlight(0, first, false));
    assertThrows(IllegalArgumentException.class,
        () -> new MqttState.InFlight(65_536, first, false));
    assertThrows(IllegalArgumentException.class, () -> new MqttState.InFlight(1, third, false));
    assertThrows(IllegalArgumentException.class, () -> new MqttState.InFlight(1, first, true));
  }
}
