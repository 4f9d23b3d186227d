package io.mqttloop;

import java.util.Locale;

/**
 * The rules every MQTT UTF-8 string obeys (MQTT-1.5.3-1, -2 and 4.7.3-3): well-formed, no
 * U+0000, at most 65,535 bytes once encoded. Control characters (U+0001 to U+001F, U+007F to
 * U+009F) and Unicode noncharacters, which the specification says a string should not hold and
 * which brokers such as mosquitto answer by closing the connection, are refused too. Each refusal
 * names the field and its value.
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
        int supplementary = Character.toCodePoint(c, value.charAt(i + 1));
        if (isNoncharacter(supplementary)) {
          throw refused(field, value, "must not contain the noncharacter "
              + codePoint(supplementary));
        }
        bytes += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        throw refused(field, value, "must not contain a lone surrogate (" + codePoint(c) + ")");
      } else if (Character.isISOControl(c)) {
        throw refused(field, value, "must not contain the control character " + codePoint(c));
      } else if (isNoncharacter(c)) {
        throw refused(field, value, "must not contain the noncharacter " + codePoint(c));
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

  /** U+FDD0 to U+FDEF, and the last two code points of every plane, such as U+FFFF. */
  private static boolean isNoncharacter(int codePoint) {
    return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
  }

  private static String codePoint(int codePoint) {
    return String.format(Locale.ROOT, "U+%04X", codePoint);
  }

  static IllegalArgumentException refused(String field, String value, String rule) {
    return new IllegalArgumentException(field + " " + rule + ": " + shown(value));
  }

  /**
   * The value quoted, shortened when long, with what cannot be printed (control characters,
   * surrogates, noncharacters) escaped as {@code \\uXXXX}, so that a message stays readable and
   * a value cannot forge a line of a log.
   */
  static String shown(String value) {
    StringBuilder shown = new StringBuilder(Math.min(value.length(), SHOWN_CHARS) + 16);
    shown.append('"');
    int end = Math.min(value.length(), SHOWN_CHARS);
    for (int i = 0; i < end; i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c) || Character.isSurrogate(c) || isNoncharacter(c)) {
        shown.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
      } else {
        shown.append(c);
      }
    }
    shown.append('"');
    if (value.length() > SHOWN_CHARS) {
      shown.append("... (").append(value.length()).append(" chars)");
    }
    return shown.toString();
  }
}
