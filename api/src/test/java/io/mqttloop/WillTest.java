package io.mqttloop;

import static io.mqttloop.Refusals.assertRefused;
import static io.mqttloop.Refusals.assertRefusedNaming;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WillTest {
  private static final byte[] PAYLOAD = "gone".getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @ValueSource(ints = {3, 4, -1, 255})
  void aWillQosOfThreeOrAnyOtherNonLevelCannotBeMade(int value) {
    assertRefused("qos must be 0, 1 or 2, was " + value, () -> QoS.of(value));
  }

  @Test
  void theOnlyQosLevelsAWillCanTakeAreZeroOneAndTwo() {
    List<Integer> levels = Arrays.stream(QoS.values()).map(QoS::value)
        .collect(Collectors.toList());

    assertEquals(List.of(0, 1, 2), levels);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a/\uD800", "\uDFFF", "a\uD83Db", "\uDE00\uD83D"})
  void aWillTopicWithALoneSurrogateIsNotValidUtf8AndIsRefused(String topic) {
    assertRefusedNaming("will topic", topic, "lone surrogate",
        () -> Will.of(topic, PAYLOAD, QoS.AT_LEAST_ONCE, false));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\u0000", "a\u0001b", "a/\uFFFF"})
  void aWillTopicWithNulAControlCharacterOrANoncharacterIsRefused(String topic) {
    assertRefusedNaming("will topic", topic, "must not contain",
        () -> Will.of(topic, PAYLOAD, QoS.AT_LEAST_ONCE, false));
  }

  @Test
  void aWillTopicWithASurrogatePairIsAccepted() {
    assertEquals("a/\uD83D\uDE00", Will.of("a/\uD83D\uDE00", PAYLOAD, QoS.AT_MOST_ONCE, false)
        .topic());
  }

  @Test
  void aWillPayloadOf65535BytesIsAccepted() {
    Will will = Will.of("a", new byte[65_535], QoS.AT_MOST_ONCE, false);

    assertEquals(65_535, will.payload().remaining());
  }

  @Test
  void aWillPayloadOver65535BytesIsRefusedNamingFieldAndLength() {
    assertRefused("will payload must be at most 65535 bytes, was 65536",
        () -> Will.of("a", new byte[65_536], QoS.AT_MOST_ONCE, false));
  }

  @Test
  void aWillKeepsWhatItIsGivenAndCopiesThePayload() {
    byte[] payload = PAYLOAD.clone();

    Will will = Will.of("status/client-1", payload, QoS.EXACTLY_ONCE, true);
    payload[0] = 'X';

    assertEquals("status/client-1", will.topic());
    assertEquals(QoS.EXACTLY_ONCE, will.qos());
    assertTrue(will.retain());
    assertTrue(will.payload().isReadOnly());
    assertEquals(ByteBuffer.wrap(PAYLOAD), will.payload());
  }

  @Test
  void toStringNeverShowsThePayload() {
    Will will = Will.of("status", "secret-will".getBytes(StandardCharsets.UTF_8),
        QoS.AT_LEAST_ONCE, false);

    assertFalse(will.toString().contains("secret"), will.toString());
    assertTrue(will.toString().contains("11 bytes"), will.toString());
  }
}
