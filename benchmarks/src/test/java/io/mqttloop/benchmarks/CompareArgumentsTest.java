package io.mqttloop.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The clients named on the command line: any case, and never a name that measures nothing. */
class CompareArgumentsTest {

  @Test
  void clientsAreNamedInAnyCase() {
    assertEquals(List.of("HiveMQ", "ceiling", "mqttloop"),
        Compare.knownClients("hivemq, CEILING,mqttloop"));
  }

  @Test
  void anUnknownClientIsRefusedByName() {
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> Compare.knownClients("mqttloop,hive"));

    assertTrue(refused.getMessage().contains("\"hive\""), refused.getMessage());
    assertTrue(refused.getMessage().contains("HiveMQ"), refused.getMessage());
  }
}
