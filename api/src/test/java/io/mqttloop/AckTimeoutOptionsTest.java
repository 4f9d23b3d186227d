package io.mqttloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class AckTimeoutOptionsTest {

  @Test
  void byDefaultNothingTimesOutAndStagesCompleteOnTheLoop() {
    MqttOptions options = MqttOptions.builder().build();

    assertNull(options.ackTimeout());
    assertNull(options.completionExecutor());
    assertNull(Publish.of("t", new byte[0], QoS.AT_LEAST_ONCE).ackTimeout());
  }

  @Test
  void theOptionsAndAPublishKeepTheirTimeouts() {
    Executor completer = Runnable::run;
    MqttOptions options = MqttOptions.builder().ackTimeout(Duration.ofSeconds(5))
        .completionExecutor(completer).build();
    Publish publish = Publish.builder("t").ackTimeout(Duration.ofMillis(250)).build();

    assertEquals(Duration.ofSeconds(5), options.ackTimeout());
    assertSame(completer, options.toBuilder().build().completionExecutor());
    assertEquals(Duration.ofSeconds(5), options.toBuilder().build().ackTimeout());
    assertEquals(Duration.ofMillis(250), publish.ackTimeout());
    assertTrue(options.toString().contains("ackTimeout=PT5S"), options.toString());
  }

  @Test
  void aTimeoutOutOfRangeIsRefusedByName() {
    assertRefused("ackTimeout must be within PT0.001S..PT24H, was PT0S",
        () -> MqttOptions.builder().ackTimeout(Duration.ZERO));
    assertRefused("ackTimeout must be within PT0.001S..PT24H, was PT0.000999999S",
        () -> MqttOptions.builder().ackTimeout(Duration.ofMillis(1).minusNanos(1)));
    assertRefused("ackTimeout must be within PT0.001S..PT24H, was PT-1S",
        () -> MqttOptions.builder().ackTimeout(Duration.ofSeconds(-1)));
    assertRefused("ackTimeout must be within PT0.001S..PT24H, was PT24H0.001S",
        () -> Publish.builder("t").ackTimeout(Duration.ofDays(1).plusMillis(1)));
  }

  @Test
  void theTimeoutExceptionNamesTheRequestAndTheTimeout() {
    Publish publish = Publish.of("orders", new byte[3], QoS.AT_LEAST_ONCE);

    MqttAckTimeoutException sent =
        new MqttAckTimeoutException(publish, Duration.ofSeconds(2), false);
    MqttAckTimeoutException unsent =
        new MqttAckTimeoutException(publish, Duration.ofSeconds(2), true);

    assertSame(publish, sent.request());
    assertEquals("no acknowledgement for " + publish + " within PT2S; it stays in the session"
        + " until the broker acknowledges it", sent.getMessage());
    assertEquals("no acknowledgement for " + publish + " within PT2S; it had not been sent, and"
        + " is withdrawn", unsent.getMessage());
    assertTrue(unsent.withdrawn());
  }

  private static void assertRefused(String message, Executable building) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, building).getMessage());
  }
}
