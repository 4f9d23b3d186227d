package io.mqttloop;

import static io.mqttloop.Refusals.assertRefused;
import static io.mqttloop.Refusals.assertRefusedNaming;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientIdRulesTest {
  private static final String EMPTY_ID_NEEDS_CLEAN_SESSION = "clientId must not be empty when"
      + " cleanSession is false: the broker could not find the session again";

  static Stream<Arguments> invalidClientIds() {
    return Stream.of(
        Arguments.of("client-\uD800", "lone surrogate (U+D800)"),
        Arguments.of("\uDC00client", "lone surrogate (U+DC00)"),
        Arguments.of("cli\u0000ent", "U+0000"),
        Arguments.of("\u0000", "U+0000"),
        Arguments.of("c".repeat(65_536), "at most 65535 UTF-8 bytes, was 65536"),
        Arguments.of("\u00E9".repeat(32_768), "at most 65535 UTF-8 bytes, was 65536"));
  }

  @ParameterizedTest
  @MethodSource("invalidClientIds")
  void aClientIdThatIsNotAValidMqttStringIsRefusedNamingFieldAndValue(String clientId,
      String rule) {
    assertRefusedNaming("clientId", clientId, rule,
        () -> MqttOptions.builder().clientId(clientId));
  }

  @ParameterizedTest
  @ValueSource(strings = {"client-1", "\uD83D\uDE00", "\u00E9"})
  void aClientIdThatIsAValidMqttStringIsKept(String clientId) {
    assertEquals(clientId, MqttOptions.builder().clientId(clientId).build().clientId());
  }

  @Test
  void aClientIdOf65535Utf8BytesIsKept() {
    String clientId = "\u00E9".repeat(32_767) + "c";

    assertEquals(clientId, MqttOptions.builder().clientId(clientId).build().clientId());
  }

  @Test
  void anEmptyClientIdWithoutACleanSessionIsRefused() {
    assertRefused(EMPTY_ID_NEEDS_CLEAN_SESSION,
        () -> MqttOptions.builder().clientId("").cleanSession(false).build());
  }

  @Test
  void anEmptyClientIdIsRefusedWhateverOrderTheFieldsAreSetIn() {
    MqttOptions persistent = MqttOptions.builder().clientId("c").cleanSession(false).build();

    assertRefused(EMPTY_ID_NEEDS_CLEAN_SESSION,
        () -> persistent.toBuilder().clientId("").build());
    assertRefused(EMPTY_ID_NEEDS_CLEAN_SESSION,
        () -> MqttOptions.builder().cleanSession(false).clientId("").build());
  }

  @Test
  void anEmptyClientIdWithACleanSessionIsAccepted() {
    assertEquals("", MqttOptions.builder().clientId("").cleanSession(true).build().clientId());
  }

  @Test
  void aNamedClientIdMayKeepItsSession() {
    assertFalse(MqttOptions.builder().clientId("c").cleanSession(false).build().cleanSession());
  }
}
