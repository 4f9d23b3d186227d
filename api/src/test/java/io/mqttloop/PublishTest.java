package io.mqttloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublishTest {
  private static final byte[] PAYLOAD = "hello".getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @ValueSource(strings = {"a/+", "+", "a/+/b", "sport/tennis+"})
  void aTopicWithThePlusWildcardIsRefusedNamingFieldAndValue(String topic) {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> Publish.of(topic, PAYLOAD, QoS.AT_LEAST_ONCE));

    assertTrue(refused.getMessage().startsWith("topic must not contain the wildcard '+'"),
        refused.getMessage());
    assertTrue(refused.getMessage().contains('"' + topic + '"'), refused.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"#", "a/#", "a#"})
  void aTopicWithTheHashWildcardIsRefused(String topic) {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> Publish.of(topic, PAYLOAD, 0));

    assertTrue(refused.getMessage().contains("'#'") && refused.getMessage().contains(topic),
        refused.getMessage());
  }

  @Test
  void anEmptyTopicIsRefused() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> Publish.builder("").build());

    assertEquals("topic must not be empty", refused.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 3, 4, 255})
  void aQosOutsideZeroToTwoIsRefusedNamingTheValue(int qos) {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> Publish.of("a/b", PAYLOAD, qos));

    assertEquals("qos must be 0, 1 or 2, was " + qos, refused.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Publish.builder("a/b").qos(qos));
  }

  @Test
  void aTopicWithNulIsRefused() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> Publish.of("a\u0000b", PAYLOAD, 1));

    assertTrue(refused.getMessage().contains("U+0000"), refused.getMessage());
  }

  @Test
  void aTopicWithALoneSurrogateIsRefused() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> Publish.of("a\uD800b", PAYLOAD, 1));

    assertTrue(refused.getMessage().contains("lone surrogate (U+D800)"), refused.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\u0001b", "tab\there", "del\u007F", "c1\u0085"})
  void aTopicWithAControlCharacterIsRefusedNamingIt(String topic) {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> Publish.of(topic, PAYLOAD, 1));

    assertTrue(refused.getMessage().startsWith("topic must not contain the control character U+"),
        refused.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\uFFFF", "a\uFDD0", "a\uD83F\uDFFE"})
  void aTopicWithANoncharacterIsRefused(String topic) {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> Publish.of(topic, PAYLOAD, 1));

    assertTrue(refused.getMessage().contains("noncharacter U+"), refused.getMessage());
  }

  @Test
  void aPublishOverMqttsMaximumPacketSizeIsRefusedWhenBuilt() {
    byte[] payload = new byte[268_435_455 - 2 - 1 - 2];

    assertEquals(payload.length, Publish.of("a", payload, 1).payloadSize());
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> Publish.of("ab", payload, 1));
    assertTrue(refused.getMessage().contains("over MQTT's maximum of 268435455"),
        refused.getMessage());
  }

  @Test
  void aTopicIsLimitedTo65535BytesOfUtf8NotChars() {
    String fits = "é".repeat(32_767) + "a";
    String tooLong = "é".repeat(32_768);

    assertEquals(fits, Publish.of(fits, PAYLOAD, 1).topic());
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> Publish.of(tooLong, PAYLOAD, 1));
    assertTrue(refused.getMessage().contains("was 65536"), refused.getMessage());
    assertTrue(refused.getMessage().length() < 300, "the value is shortened in the message");
  }

  @Test
  void aTopicOfFourByteCharactersCountsFourBytesEach() {
    String emoji = "\uD83D\uDE00";

    assertEquals(emoji.repeat(16_383), Publish.of(emoji.repeat(16_383), PAYLOAD, 1).topic());
    assertThrows(IllegalArgumentException.class, () -> Publish.of(emoji.repeat(16_384), PAYLOAD,
        1));
  }

  @Test
  void theBuilderKeepsWhatItIsGiven() {
    Publish publish = Publish.builder("a/b").payload(PAYLOAD).qos(2).retain(true).build();

    assertEquals("a/b", publish.topic());
    assertEquals(QoS.EXACTLY_ONCE, publish.qos());
    assertTrue(publish.retain());
    assertEquals(PAYLOAD.length, publish.payloadSize());
    assertTrue(publish.payload().isReadOnly());
  }

  @Test
  void toStringNeverShowsThePayload() {
    Publish publish = Publish.of("a/b", "secret-payload".getBytes(StandardCharsets.UTF_8), 1);

    assertFalse(publish.toString().contains("secret"), publish.toString());
    assertTrue(publish.toString().contains("14 bytes"), publish.toString());
  }

  @Test
  void theStageCannotBeCompletedByTheApplication() {
    Publish publish = Publish.of("a/b", PAYLOAD, 1);

    publish.completion().toCompletableFuture().complete(publish);

    assertFalse(publish.completion().toCompletableFuture().isDone(),
        "completing the copy from toCompletableFuture leaves the request's stage alone");
  }
}
