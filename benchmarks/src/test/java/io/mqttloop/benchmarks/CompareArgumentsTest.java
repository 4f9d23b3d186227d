package io.mqttloop.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line: clients named in any case, never a name or a count that means nothing. */
class CompareArgumentsTest {

  @Test
  void clientsAreNamedInAnyCase() {
    assertEquals(List.of("HiveMQ", "ceiling", "mqttloop"),
        Compare.knownClients("hivemq, CEILING,mqttloop"));
  }

  @Test
  void roundsAreAWholeNumberOfOneOrMore() {
    assertEquals(1, Compare.roundCount("1"));
    assertEquals(7, Compare.roundCount(" 7"));
    for (String bad : List.of("x", "0", "-1", "2.5", "")) {
      IllegalArgumentException refused =
          assertThrows(IllegalArgumentException.class, () -> Compare.roundCount(bad));
      assertTrue(refused.getMessage().startsWith("--rounds"), refused.getMessage());
    }
  }

  @Test
  void anUnknownClientIsRefusedByName() {
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> Compare.knownClients("mqttloop,hive"));

    assertTrue(refused.getMessage().contains("\"hive\""), refused.getMessage());
    assertTrue(refused.getMessage().contains("HiveMQ"), refused.getMessage());
  }
}
