package io.mqttloop;

import static io.mqttloop.Refusals.assertRefused;
import static io.mqttloop.Refusals.assertRefusedNaming;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class TopicStringRulesTest {
  private static final List<String> CHARACTERS_OF_EACH_WIDTH =
      List.of("a", "\u00E9", "\u20AC", "\uD83D\uDE00");

  static Stream<Arguments> everyPlaceWithNul() {
    return Arrays.stream(TopicPlace.values()).flatMap(place -> Stream.of("a\u0000b", "\u0000",
        "a/\u0000").map(value -> Arguments.of(place, value)));
  }

  static Stream<Arguments> everyPlaceWithEachCharacterWidth() {
    return Arrays.stream(TopicPlace.values()).flatMap(place -> CHARACTERS_OF_EACH_WIDTH.stream()
        .map(character -> Arguments.of(place, character)));
  }

  @ParameterizedTest
  @EnumSource(TopicPlace.class)
  void anEmptyTopicOrFilterIsRefusedNamingTheField(TopicPlace place) {
    assertRefused(place.field() + " must not be empty", () -> place.keep(""));
  }

  @ParameterizedTest
  @EnumSource(TopicPlace.class)
  void aOneCharacterTopicOrFilterIsAccepted(TopicPlace place) {
    assertEquals("a", place.keep("a"));
  }

  @ParameterizedTest
  @MethodSource("everyPlaceWithNul")
  void aTopicOrFilterHoldingUPlus0000IsRefused(TopicPlace place, String value) {
    assertRefusedNaming(place.field(), value, "U+0000", () -> place.keep(value));
  }

  @ParameterizedTest
  @MethodSource("everyPlaceWithEachCharacterWidth")
  void aTopicOrFilterOf65535Utf8BytesIsAccepted(TopicPlace place, String character) {
    String value = ofUtf8Bytes(65_535, character);

    assertEquals(value, place.keep(value));
  }

  @ParameterizedTest
  @MethodSource("everyPlaceWithEachCharacterWidth")
  void aTopicOrFilterOf65536Utf8BytesIsRefusedHoweverFewItsChars(TopicPlace place,
      String character) {
    String value = ofUtf8Bytes(65_536, character);

    assertRefusedNaming(place.field(), value, "at most 65535 UTF-8 bytes, was 65536",
        () -> place.keep(value));
  }

  private static String ofUtf8Bytes(int bytes, String character) {
    int width = character.getBytes(StandardCharsets.UTF_8).length;
    return character.repeat(bytes / width) + "a".repeat(bytes % width);
  }
}
