package io.mqttloop;

import static io.mqttloop.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MqttOptionsReceiveTest {
  private final Will will = Will.of("status/c", "offline-secret".getBytes(StandardCharsets.UTF_8),
      QoS.AT_LEAST_ONCE, true);

  @Test
  void theDefaultsAreNoWillAutomaticAcknowledgementTheLargestPacketAnd64Messages() {
    MqttOptions options = MqttOptions.builder().build();

    assertNull(options.will());
    assertFalse(options.manualAcknowledgement());
    assertEquals(268_435_460, options.maxPacketSize());
    assertEquals(64, options.maxBufferedMessages());
  }

  @Test
  void theBuilderKeepsTheReceiveFields() {
    MqttOptions options = MqttOptions.builder().will(will).manualAcknowledgement(true)
        .maxPacketSize(1024).maxBufferedMessages(3).build();

    assertSame(will, options.will());
    assertTrue(options.manualAcknowledgement());
    assertEquals(1024, options.maxPacketSize());
    assertEquals(3, options.maxBufferedMessages());
  }

  @ParameterizedTest
  @ValueSource(ints = {16, 17, 65_536, 268_435_460})
  void aPacketSizeFrom16ToMqttsLargestIsAccepted(int size) {
    assertEquals(size, MqttOptions.builder().maxPacketSize(size).build().maxPacketSize());
  }

  @ParameterizedTest
  @ValueSource(ints = {15, 0, -1, Integer.MIN_VALUE, 268_435_461, Integer.MAX_VALUE})
  void aPacketSizeOutside16ToMqttsLargestIsRefusedNamingFieldAndValue(int size) {
    assertRefused("maxPacketSize must be within 16..268435460, was " + size,
        () -> MqttOptions.builder().maxPacketSize(size));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 64, Integer.MAX_VALUE})
  void aPositiveNumberOfBufferedMessagesIsAccepted(int count) {
    assertEquals(count, MqttOptions.builder().maxBufferedMessages(count).build()
        .maxBufferedMessages());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void aNumberOfBufferedMessagesBelowOneIsRefusedNamingFieldAndValue(int count) {
    assertRefused("maxBufferedMessages must be positive, was " + count,
        () -> MqttOptions.builder().maxBufferedMessages(count));
  }

  @Test
  void toBuilderKeepsTheReceiveFields() {
    MqttOptions options = MqttOptions.builder().will(will).manualAcknowledgement(true)
        .maxPacketSize(1024).maxBufferedMessages(3).build();

    MqttOptions copy = options.toBuilder().build();

    assertSame(will, copy.will());
    assertTrue(copy.manualAcknowledgement());
    assertEquals(1024, copy.maxPacketSize());
    assertEquals(3, copy.maxBufferedMessages());
  }

  @Test
  void toBuilderCanRemoveTheWill() {
    MqttOptions options = MqttOptions.builder().will(will).build();

    assertNull(options.toBuilder().will(null).build().will());
  }

  @Test
  void toStringShowsTheReceiveFieldsButNeitherPasswordNorWillPayload() {
    MqttOptions options = MqttOptions.builder()
        .credentials(Credentials.of("alice", "hunter2".getBytes(StandardCharsets.UTF_8)))
        .will(will).manualAcknowledgement(true).maxPacketSize(1024).maxBufferedMessages(3)
        .build();
    String shown = options.toString();

    assertFalse(shown.contains("hunter2"), shown);
    assertFalse(shown.contains("offline-secret"), shown);
    assertTrue(shown.contains("alice"), shown);
    assertTrue(shown.contains("status/c"), shown);
    assertTrue(shown.contains("manualAcknowledgement=true"), shown);
    assertTrue(shown.contains("maxPacketSize=1024"), shown);
    assertTrue(shown.contains("maxBufferedMessages=3"), shown);
  }
}
