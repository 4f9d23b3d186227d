package io.mqttloop;

import static io.mqttloop.Refusals.assertRefusedNaming;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TopicFilterRulesTest {
  private static final String HASH_RULE = "'#' only as a whole level at the end";
  private static final String PLUS_RULE = "'+' only as a whole level";
  private static final String FITS = "+/" + "\u00E9".repeat(32_765) + "a/#";
  private static final String TOO_LONG = "+/" + "\u00E9".repeat(32_766) + "/#";

  static Stream<Arguments> misplacedHash() {
    return inEveryFilterPlace("a#", "a/#/b", "#/a", "a/b#", "a/#/", "##");
  }

  static Stream<Arguments> wellPlacedHash() {
    return inEveryFilterPlace("#", "a/#", "/#", "+/#");
  }

  static Stream<Arguments> misplacedPlus() {
    return inEveryFilterPlace("a+", "a/+b", "+a/b", "++", "a/b+/c");
  }

  static Stream<Arguments> wellPlacedPlus() {
    return inEveryFilterPlace("+", "+/a/+", "/+/", "a/+/#", "+/+");
  }

  static Stream<Arguments> loneSurrogates() {
    return inEveryFilterPlace("a/\uD800", "\uDC00/b", "a\uD800b/#", "+/\uDBFF/+", "\uDC00\uD800");
  }

  static Stream<Arguments> surrogatePairs() {
    return inEveryFilterPlace("\uD83D\uDE00", "a/\uD83D\uDE00/#", "+/\uDBFF\uDFFD");
  }

  static Stream<TopicPlace> filterPlaces() {
    return Stream.of(TopicPlace.SUBSCRIBE_FILTER, TopicPlace.UNSUBSCRIBE_FILTER);
  }

  private static Stream<Arguments> inEveryFilterPlace(String... filters) {
    return filterPlaces().flatMap(
        place -> Arrays.stream(filters).map(filter -> Arguments.of(place, filter)));
  }

  @ParameterizedTest
  @MethodSource("misplacedHash")
  void aHashThatIsNotAWholeLastLevelIsRefused(TopicPlace place, String filter) {
    assertRefusedNaming("filter", filter, HASH_RULE, () -> place.keep(filter));
  }

  @ParameterizedTest
  @MethodSource("misplacedHash")
  void aSubscriptionWithAMisplacedHashCannotBeMade(TopicPlace place, String filter) {
    assertRefusedNaming("filter", filter, HASH_RULE,
        () -> new Subscription(filter, QoS.AT_MOST_ONCE));
  }

  @ParameterizedTest
  @MethodSource("wellPlacedHash")
  void aHashAloneOrAfterASlashAtTheEndIsAccepted(TopicPlace place, String filter) {
    assertEquals(filter, place.keep(filter));
  }

  @ParameterizedTest
  @MethodSource("misplacedPlus")
  void aPlusSharingItsLevelIsRefused(TopicPlace place, String filter) {
    assertRefusedNaming("filter", filter, PLUS_RULE, () -> place.keep(filter));
  }

  @ParameterizedTest
  @MethodSource("misplacedPlus")
  void aSubscriptionWithAPlusSharingItsLevelCannotBeMade(TopicPlace place, String filter) {
    assertRefusedNaming("filter", filter, PLUS_RULE,
        () -> new Subscription(filter, QoS.AT_MOST_ONCE));
  }

  @ParameterizedTest
  @MethodSource("wellPlacedPlus")
  void aPlusFillingAWholeLevelIsAcceptedAtAnyLevel(TopicPlace place, String filter) {
    assertEquals(filter, place.keep(filter));
  }

  @ParameterizedTest
  @MethodSource("loneSurrogates")
  void aFilterWithALoneSurrogateIsNotValidUtf8AndIsRefused(TopicPlace place, String filter) {
    assertRefusedNaming("filter", filter, "lone surrogate", () -> place.keep(filter));
  }

  @ParameterizedTest
  @MethodSource("surrogatePairs")
  void aFilterWithASurrogatePairIsAccepted(TopicPlace place, String filter) {
    assertEquals(filter, place.keep(filter));
  }

  @ParameterizedTest
  @MethodSource("filterPlaces")
  void aFilterWithWildcardsOf65535Utf8BytesIsAcceptedThoughFarFewerChars(TopicPlace place) {
    assertEquals(FITS, place.keep(FITS));
  }

  @ParameterizedTest
  @MethodSource("filterPlaces")
  void aFilterWithWildcardsOf65536Utf8BytesIsRefusedThoughFarFewerChars(TopicPlace place) {
    assertRefusedNaming("filter", TOO_LONG, "at most 65535 UTF-8 bytes, was 65536",
        () -> place.keep(TOO_LONG));
  }
}
