package io.mqttloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

final class Refusals {
  private static final int SHORTEST_SHOWN_PREFIX = 64;

  private Refusals() {}

  static String assertRefused(Executable making) {
    return assertThrowsExactly(IllegalArgumentException.class, making).getMessage();
  }

  static void assertRefused(String expectedMessage, Executable making) {
    assertEquals(expectedMessage, assertRefused(making));
  }

  static void assertRefusedNaming(String field, String value, String rule, Executable making) {
    String message = assertRefused(making);

    assertTrue(message.startsWith(field + " "), () -> "names the field " + field + ": " + message);
    assertTrue(message.contains(rule), () -> "states the rule " + rule + ": " + message);
    assertTrue(message.contains(quoted(value)), () -> "shows the value: " + message);
  }

  /** The value as a message shows it: quoted, escaped where unprintable, and maybe cut short. */
  private static String quoted(String value) {
    String shown = Utf8Field.shown(value);
    assertTrue(!shown.chars().anyMatch(c -> Character.isISOControl(c) || Character.isSurrogate(
        (char) c)), () -> "shows no raw control character or surrogate: " + shown);
    if (value.length() <= SHORTEST_SHOWN_PREFIX) {
      return shown;
    }
    return shown.substring(0, SHORTEST_SHOWN_PREFIX);
  }
}
