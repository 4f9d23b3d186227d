package io.mqttloop;

import java.util.Locale;

/**
 * The rules every MQTT UTF-8 string obeys (MQTT-1.5.3-1, -2 and 4.7.3-3): well-formed, no
 * U+0000, at most 65,535 bytes once encoded. Each refusal names the field and its value.
 */
final class Utf8Field {
  static final int MAX_BYTES = 65_535;
  private static final int SHOWN_CHARS = 80;

  private Utf8Field() {}

  /**
   * Checks {@code value} and returns its encoded length in bytes.
   *
   * @throws IllegalArgumentException naming {@code field} when a rule is broken
   */
  static int check(String field, String value) {
    int bytes = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\u0000') {
        throw refused(field, value, "must not contain U+0000");
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        throw refused(field, value, "must not contain a lone surrogate (U+"
            + Integer.toHexString(c).toUpperCase(Locale.ROOT) + ")");
      } else {
        bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
      }
    }
    if (bytes > MAX_BYTES) {
      throw refused(field, value, "must encode to at most " + MAX_BYTES + " UTF-8 bytes, was "
          + bytes);
    }
    return bytes;
  }

  static IllegalArgumentException refused(String field, String value, String rule) {
    return new IllegalArgumentException(field + " " + rule + ": " + shown(value));
  }

  /** The value quoted, shortened when long, so that a message stays readable. */
  static String shown(String value) {
    if (value.length() <= SHOWN_CHARS) {
      return '"' + value + '"';
    }
    return '"' + value.substring(0, SHOWN_CHARS) + "\"... (" + value.length() + " chars)";
  }
}
