package io.mqttloop;

/**
 * The rules of a topic name, the topic a publish goes to (MQTT-4.7.1-1, 4.7.3-1 to -3): not
 * empty, no wildcard, and a valid MQTT UTF-8 string.
 */
final class TopicName {
  private TopicName() {}

  /**
   * Checks {@code topic} as a publish topic and returns its length in UTF-8 bytes.
   *
   * @throws IllegalArgumentException naming the field and the value when a rule is broken
   */
  static int check(String field, String topic) {
    if (topic.isEmpty()) {
      throw new IllegalArgumentException(field + " must not be empty");
    }
    if (topic.indexOf('+') >= 0) {
      throw Utf8Field.refused(field, topic, "must not contain the wildcard '+'");
    }
    if (topic.indexOf('#') >= 0) {
      throw Utf8Field.refused(field, topic, "must not contain the wildcard '#'");
    }
    return Utf8Field.check(field, topic);
  }
}
