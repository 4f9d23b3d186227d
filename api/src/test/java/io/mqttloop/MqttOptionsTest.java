package io.mqttloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class MqttOptionsTest {

  @Test
  void theDefaultsAreThoseDocumented() {
    MqttOptions options = MqttOptions.builder().build();

    assertEquals("localhost", options.host());
    assertEquals(1883, options.port());
    assertEquals("", options.clientId());
    assertTrue(options.cleanSession());
    assertEquals(60, options.keepAliveSeconds());
    assertEquals(20, options.maxInflight());
    assertEquals(Duration.ofSeconds(10), options.connectTimeout());
  }

  @Test
  void eachOutOfRangeFieldIsRefusedByName() {
    assertRefused("port must be within 1..65535, was 0",
        () -> MqttOptions.builder().broker("h", 0));
    assertRefused("port must be within 1..65535, was 65536",
        () -> MqttOptions.builder().broker("h", 65_536));
    assertRefused("host must not be blank, was \" \"",
        () -> MqttOptions.builder().broker(" ", 1883));
    assertRefused("keepAliveSeconds must be within 0..65535, was -1",
        () -> MqttOptions.builder().keepAliveSeconds(-1));
    assertRefused("maxInflight must be within 1..65535, was 0",
        () -> MqttOptions.builder().maxInflight(0));
    assertRefused("connectTimeout must be positive and at most PT24H, was PT0S",
        () -> MqttOptions.builder().connectTimeout(Duration.ZERO));
    assertRefused("connectTimeout must be positive and at most PT24H, was PT24H0.001S",
        () -> MqttOptions.builder().connectTimeout(Duration.ofDays(1).plusMillis(1)));
  }

  @Test
  void anEmptyClientIdNeedsACleanSession() {
    assertRefused("clientId must not be empty when cleanSession is false: the broker could not"
        + " find the session again", () -> MqttOptions.builder().cleanSession(false).build());
  }

  @Test
  void aClientIdMustBeAValidMqttString() {
    assertThrows(IllegalArgumentException.class,
        () -> MqttOptions.builder().clientId("a\u0000b"));
  }

  @Test
  void toStringNeverShowsThePassword() {
    MqttOptions options = MqttOptions.builder()
        .credentials(Credentials.of("alice", "hunter2".getBytes(StandardCharsets.UTF_8)))
        .build();

    assertFalse(options.toString().contains("hunter2"), options.toString());
    assertTrue(options.toString().contains("alice"), options.toString());
  }

  @Test
  void toBuilderKeepsEveryField() {
    MqttOptions options = MqttOptions.builder().broker("example", 8883).clientId("c")
        .keepAliveSeconds(5).cleanSession(false).maxInflight(7)
        .connectTimeout(Duration.ofSeconds(3)).build();

    assertEquals(options.toString(), options.toBuilder().build().toString());
  }

  private static void assertRefused(String message, Executable building) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, building).getMessage());
  }
}
