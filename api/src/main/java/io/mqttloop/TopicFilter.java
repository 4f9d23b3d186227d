package io.mqttloop;

/**
 * The rules of a topic filter, what a subscription matches (MQTT-4.7.1-2, -3, 4.7.3-1 to -3): not
 * empty, a valid MQTT UTF-8 string, {@code #} alone as the last level, {@code +} alone in its
 * level.
 */
final class TopicFilter {
  private TopicFilter() {}

  /**
   * Checks {@code filter}.
   *
   * @throws IllegalArgumentException naming the field and the value when a rule is broken
   */
  static void check(String field, String filter) {
    if (filter.isEmpty()) {
      throw new IllegalArgumentException(field + " must not be empty");
    }
    Utf8Field.check(field, filter);
    int levelStart = 0;
    for (int i = 0; i <= filter.length(); i++) {
      if (i == filter.length() || filter.charAt(i) == '/') {
        checkLevel(field, filter, filter.substring(levelStart, i), i == filter.length());
        levelStart = i + 1;
      }
    }
  }

  private static void checkLevel(String field, String filter, String level, boolean last) {
    if (level.indexOf('#') >= 0 && !(level.equals("#") && last)) {
      throw Utf8Field.refused(field, filter,
          "may hold '#' only as a whole level at the end, as in \"a/#\"");
    }
    if (level.indexOf('+') >= 0 && !level.equals("+")) {
      throw Utf8Field.refused(field, filter,
          "may hold '+' only as a whole level, as in \"a/+/b\"");
    }
  }
}
