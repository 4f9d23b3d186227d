package io.mqttloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A state shows counts and a shortened client id, not every request it holds. */
class MqttStateToStringTest {

  @Test
  void aLargeStateMakesAShortLine() {
    List<Request> unsent = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      unsent.add(Publish.of("t", new byte[] {1}, QoS.AT_LEAST_ONCE));
    }
    MqttState state = new MqttState("c".repeat(30_000), List.of(), unsent, List.of(),
        List.of(7));

    String shown = state.toString();

    assertTrue(shown.length() < 300, shown.length() + " characters");
    assertTrue(shown.endsWith("0 in flight, 10000 unsent, 0 subscriptions, 1 awaiting release]"),
        shown);
  }

  @Test
  void anEmptyStateSaysSo() {
    assertEquals("MqttState[clientId=\"\", 0 in flight, 0 unsent, 0 subscriptions,"
        + " 0 awaiting release]", MqttState.EMPTY.toString());
  }
}
