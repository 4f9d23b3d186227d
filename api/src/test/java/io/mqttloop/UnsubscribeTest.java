package io.mqttloop;

import static io.mqttloop.Refusals.assertRefused;
import static io.mqttloop.Refusals.assertRefusedNaming;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mqttloop.spi.LoopStage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnsubscribeTest {

  @Test
  void unsubscribingFromNoFilterIsRefused() {
    assertRefused("filters must not be empty (MQTT-3.10.3-2)", () -> Unsubscribe.from());
  }

  @Test
  void unsubscribingFromAnEmptyListIsRefused() {
    assertRefused("filters must not be empty (MQTT-3.10.3-2)", () -> Unsubscribe.from(List.of()));
  }

  @Test
  void filtersAreSentInTheOrderGiven() {
    assertEquals(List.of("b", "a/#", "+"), Unsubscribe.from("b", "a/#", "+").filters());
  }

  @Test
  void laterChangesToTheGivenListAreIgnored() {
    List<String> given = new ArrayList<>(List.of("a", "b"));

    Unsubscribe unsubscribe = Unsubscribe.from(given);
    given.set(0, "a#");

    assertEquals(List.of("a", "b"), unsubscribe.filters());
    assertThrows(UnsupportedOperationException.class, () -> unsubscribe.filters().clear());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void anInvalidFilterAnywhereInTheListIsRefusedByValue(int position) {
    List<String> filters = new ArrayList<>(List.of("a", "b/+", "c/#"));
    filters.set(position, "x/\uD800");

    assertRefusedNaming("filter", "x/\uD800", "lone surrogate",
        () -> Unsubscribe.from(filters));
    assertRefusedNaming("filter", "x/\uD800", "lone surrogate",
        () -> Unsubscribe.from(filters.toArray(new String[0])));
  }

  @Test
  void theStageCompletesWithTheRequestItself() throws Exception {
    Unsubscribe unsubscribe = Unsubscribe.from("a");

    LoopStage.of(unsubscribe).succeed(unsubscribe);

    assertSame(unsubscribe, unsubscribe.completion().toCompletableFuture().get());
  }
}
