package io.mqttloop;

import static io.mqttloop.Refusals.assertRefusedNaming;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TopicNameRulesTest {

  static Stream<Arguments> topicNamesWithWildcards() {
    return Stream.of(TopicPlace.PUBLISH_TOPIC, TopicPlace.WILL_TOPIC).flatMap(place -> Stream.of(
        Arguments.of(place, "+", "'+'"),
        Arguments.of(place, "a/+", "'+'"),
        Arguments.of(place, "+/a", "'+'"),
        Arguments.of(place, "a+b", "'+'"),
        Arguments.of(place, "#", "'#'"),
        Arguments.of(place, "a/#", "'#'"),
        Arguments.of(place, "a#b/c", "'#'")));
  }

  static Stream<Arguments> topicNamesWithoutWildcards() {
    return Stream.of(TopicPlace.PUBLISH_TOPIC, TopicPlace.WILL_TOPIC).flatMap(place -> Stream.of(
        "a", "/", "a//b", "sport/tennis/player1", "$SYS/broker").map(
            topic -> Arguments.of(place, topic)));
  }

  @ParameterizedTest
  @MethodSource("topicNamesWithWildcards")
  void aWildcardInATopicNameIsRefusedNamingFieldWildcardAndValue(TopicPlace place, String topic,
      String wildcard) {
    assertRefusedNaming(place.field(), topic, "wildcard " + wildcard, () -> place.keep(topic));
  }

  @ParameterizedTest
  @MethodSource("topicNamesWithoutWildcards")
  void aTopicNameWithoutWildcardsIsKeptAsGiven(TopicPlace place, String topic) {
    assertEquals(topic, place.keep(topic));
  }
}
