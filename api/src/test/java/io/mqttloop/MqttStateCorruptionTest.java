package io.mqttloop;

import static io.mqttloop.StateBytes.publish;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mqttloop.MqttStateFormatException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MqttStateCorruptionTest {
  /** The offset of the first in-flight entry's payload length in the golden state. */
  private static final int GOLDEN_PAYLOAD_LENGTH_AT = 22;
  /** Far less than the lengths a corrupt state claims, and than the heap a test runs in. */
  private static final long MOST_BYTES_A_CORRUPT_READ_MAY_ALLOCATE = 4L * 1024 * 1024;

  private final byte[] golden = goldenBytes();

  @Test
  void bytesWithAnotherMagicNumberAreNotAState() {
    byte[] bytes = golden.clone();
    bytes[3] = 'X';

    MqttStateFormatException refused = assertRefused(Reason.NOT_A_STATE, bytes);

    assertEquals("not an mqttloop state: it starts with 0x4D514C58, not \"MQLS\" (0x4D514C53)",
        refused.getMessage());
  }

  @Test
  void aNewerVersionIsRefusedNamingBothVersions() {
    byte[] bytes = StateBytes.header(2).raw(Arrays.copyOfRange(golden, 6, golden.length - 4))
        .withCrc();

    MqttStateFormatException refused = assertRefused(Reason.NEWER_VERSION, bytes);

    assertEquals("written by a newer mqttloop: format version 2, this one reads 1",
        refused.getMessage());
  }

  @Test
  void versionZeroIsCorrupt() {
    byte[] bytes = golden.clone();
    bytes[5] = 0;

    MqttStateFormatException refused = assertRefused(Reason.CORRUPT, bytes);

    assertEquals("corrupt: format version 0 does not exist; this mqttloop reads 1",
        refused.getMessage());
  }

  @Test
  void aWrongCrcIsCorruptAndShowsBothValues() {
    byte[] bytes = golden.clone();
    bytes[bytes.length - 1] ^= 1;

    MqttStateFormatException refused = assertRefused(Reason.CORRUPT, bytes);

    assertEquals("corrupt: the CRC32 does not match: the state says 0x034F01AB, its bytes give"
        + " 0x034F01AA", refused.getMessage());
  }

  @Test
  void everyChangeOfAnySingleByteIsRefusedWithTheTypedException() {
    for (int at = 0; at < golden.length; at++) {
      for (int flip = 1; flip <= 0xFF; flip++) {
        byte[] bytes = golden.clone();
        bytes[at] ^= (byte) flip;

        assertRefusedTyped(bytes, "byte " + at + " xor 0x" + Integer.toHexString(flip));
      }
    }
  }

  @Test
  void everyTruncationIsRefusedAsTruncated() {
    for (int length = 0; length < golden.length; length++) {
      byte[] bytes = Arrays.copyOf(golden, length);

      MqttStateFormatException refused = assertRefused(Reason.TRUNCATED, bytes);

      assertTrue(refused.getMessage().startsWith("truncated: the input ends at byte " + length
          + ", in "), refused.getMessage());
    }
  }

  @Test
  void aTruncationNamesTheFieldItCuts() {
    byte[] bytes = Arrays.copyOf(golden, GOLDEN_PAYLOAD_LENGTH_AT + 2);

    assertEquals("truncated: the input ends at byte 24, in a publish payload length",
        assertRefused(Reason.TRUNCATED, bytes).getMessage());
  }

  @Test
  void aPayloadLengthOverMqttsMaximumIsCorruptAtOnce() {
    byte[] bytes = StateBytes.unsent(state -> state.u8(1).string("t").u8(0).u8(0)
        .u32(0xFFFF_FFFFL));

    assertEquals("corrupt: a publish payload length at byte 22 is 4294967295, outside its range"
        + " 0..268435455", assertRefused(Reason.CORRUPT, bytes).getMessage());
  }

  @Test
  void aHugePayloadLengthInShortInputFailsFastWithoutAllocatingIt() {
    byte[] bytes = StateBytes.header().string("").u32(0).u32(1).u8(1).string("t").u8(0).u8(0)
        .u32(Publish.MAX_REMAINING_LENGTH).raw(new byte[100]).withoutCrc();

    assertFailsFastAndSmall(Reason.TRUNCATED, bytes);
  }

  @Test
  void aHugeCountInShortInputFailsFastWithoutAllocatingIt() {
    byte[] bytes = StateBytes.header().string("").u32(0).u32(Integer.MAX_VALUE)
        .raw(new byte[] {3, 0, 0, 0, 1, 0, 1, 'u'}).withoutCrc();

    assertFailsFastAndSmall(Reason.TRUNCATED, bytes);
  }

  @Test
  void aLongStringLengthInShortInputIsTruncated() {
    byte[] bytes = StateBytes.header().u16(0xFFFF).raw(new byte[10]).withoutCrc();

    assertEquals("truncated: the input ends at byte 18, in the client id",
        assertRefused(Reason.TRUNCATED, bytes).getMessage());
  }

  @Test
  void moreThan65535EntriesInFlightAreCorrupt() {
    byte[] bytes = StateBytes.header().string("").u32(65_536).withCrc();

    assertEquals("corrupt: the in-flight count at byte 8 is 65536, outside its range 0..65535",
        assertRefused(Reason.CORRUPT, bytes).getMessage());
  }

  @Test
  void aCountOverWhatAListHoldsIsCorrupt() {
    byte[] bytes = StateBytes.header().string("").u32(0).u32(0x8000_0000L).withCrc();

    assertRefused(Reason.CORRUPT, bytes);
  }

  @Test
  void anUnknownRequestTypeIsCorruptNamingIt() {
    byte[] bytes = StateBytes.unsent(state -> state.u8(4));

    assertEquals("corrupt: unknown request type 4 at byte 16, where 1 is publish, 2 subscribe"
        + " and 3 unsubscribe", assertRefused(Reason.CORRUPT, bytes).getMessage());
  }

  @Test
  void aQosOf3IsInvalidThoughTheCrcMatches() {
    byte[] bytes = StateBytes.unsent(publish("t", 3, 0));

    assertEquals("unsent request 0 is invalid: qos must be 0, 1 or 2, was 3",
        assertRefused(Reason.INVALID, bytes).getMessage());
  }

  @Test
  void packetIdZeroIsInvalid() {
    byte[] bytes = StateBytes.inFlight(0, 0, publish("t", 1, 0));

    assertEquals("in-flight entry 0 is invalid: packetId must be within 1..65535, was 0",
        assertRefused(Reason.INVALID, bytes).getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a/+", "#", ""})
  void aTopicThePublishFactoryRefusesIsInvalid(String topic) {
    byte[] bytes = StateBytes.unsent(publish(topic, 1, 0));

    MqttStateFormatException refused = assertRefused(Reason.INVALID, bytes);

    assertTrue(refused.getMessage().startsWith("unsent request 0 is invalid: topic must not"),
        refused.getMessage());
    assertEquals(IllegalArgumentException.class, refused.getCause().getClass());
  }

  @Test
  void aTopicOfMalformedUtf8IsInvalid() {
    byte[] bytes = StateBytes.unsent(publish(new byte[] {'a', (byte) 0xC3, '('}, 1, 0));

    assertEquals("unsent request 0 is invalid: topic is not well-formed UTF-8",
        assertRefused(Reason.INVALID, bytes).getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"c080", "eda080edb080", "f4908080", "c1bf"})
  void modifiedOrOverlongOrOutOfRangeUtf8IsInvalid(String hex) {
    byte[] topic = StateBytes.ofHex(hex).withoutCrc();

    assertRefused(Reason.INVALID, StateBytes.unsent(publish(topic, 1, 0)));
  }

  @Test
  void aRetainFlagOtherThanZeroOrOneIsInvalid() {
    byte[] bytes = StateBytes.unsent(publish("t", 1, 2));

    assertEquals("unsent request 0 is invalid: retain must be 0 or 1, was 2",
        assertRefused(Reason.INVALID, bytes).getMessage());
  }

  @Test
  void aQos0PublishInFlightIsInvalid() {
    assertRefused(Reason.INVALID, StateBytes.inFlight(1, 0, publish("t", 0, 0)));
  }

  @Test
  void aReleasedQos1PublishIsInvalid() {
    assertRefused(Reason.INVALID, StateBytes.inFlight(1, 1, publish("t", 1, 0)));
  }

  @Test
  void aReleasedSubscribeIsInvalid() {
    byte[] bytes = StateBytes.inFlight(1, 1, state -> state.u8(2).u32(1).string("t").u8(1));

    assertTrue(assertRefused(Reason.INVALID, bytes).getMessage()
        .contains("released applies to a QoS 2 publish only"));
  }

  @Test
  void aSubscribeWithNoFilterIsInvalid() {
    byte[] bytes = StateBytes.unsent(state -> state.u8(2).u32(0));

    assertEquals("unsent request 0 is invalid: subscriptions must not be empty (MQTT-3.8.3-3)",
        assertRefused(Reason.INVALID, bytes).getMessage());
  }

  @Test
  void anUnsubscribeFromAMisplacedWildcardIsInvalid() {
    byte[] bytes = StateBytes.unsent(state -> state.u8(3).u32(1).string("a#"));

    assertTrue(assertRefused(Reason.INVALID, bytes).getMessage()
        .startsWith("unsent request 0 is invalid: filter may hold '#' only"));
  }

  @Test
  void twoEntriesInFlightWithOnePacketIdAreInvalid() {
    byte[] bytes = StateBytes.header().string("").u32(2)
        .u16(9).u8(0).u8(1).string("a").u8(1).u8(0).u32(0)
        .u16(9).u8(0).u8(1).string("b").u8(1).u8(0).u32(0)
        .u32(0).u32(0).u32(0).withCrc();

    assertEquals("the state is invalid: inFlight must not share a packet id, 9 appears twice",
        assertRefused(Reason.INVALID, bytes).getMessage());
  }

  @Test
  void aPacketIdAwaitingReleaseOfZeroIsInvalid() {
    byte[] bytes = StateBytes.header().string("").u32(0).u32(0).u32(0).u32(1).u16(0)
        .withCrc();

    assertRefused(Reason.INVALID, bytes);
  }

  @Test
  void aSubscriptionWithQos3IsInvalid() {
    byte[] bytes = StateBytes.header().string("").u32(0).u32(0).u32(1).string("s").u8(3)
        .u32(0).withCrc();

    assertEquals("subscription 0 is invalid: qos must be 0, 1 or 2, was 3",
        assertRefused(Reason.INVALID, bytes).getMessage());
  }

  @Test
  void aDamagedValueIsReportedAsDamagedNotAsTheValueItBreaks() {
    byte[] bytes = StateBytes.unsent(publish("t", 1, 0));
    bytes[20] = 3;

    assertTrue(assertRefused(Reason.CORRUPT, bytes).getMessage().contains("CRC32"));
  }

  @Test
  void aFailingStreamFailsWithItsOwnException() {
    IOException broken = new IOException("disk on fire");
    InputStream failing = new InputStream() {
      @Override
      public int read() throws IOException {
        throw broken;
      }

      @Override
      public int read(byte[] bytes, int offset, int length) throws IOException {
        throw broken;
      }
    };

    assertEquals(broken, assertThrowsExactly(IOException.class,
        () -> MqttState.readFrom(failing)));
  }

  private static byte[] goldenBytes() {
    try {
      return MqttStateFormatTest.bytesOf(MqttStateFormatTest.golden());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static MqttStateFormatException assertRefused(Reason reason, byte[] bytes) {
    MqttStateFormatException refused = assertThrowsExactly(MqttStateFormatException.class,
        () -> MqttState.readFrom(new ByteArrayInputStream(bytes)));
    assertEquals(reason, refused.reason(), refused::getMessage);
    return refused;
  }

  /** Refused with the typed exception, and nothing else: neither accepted nor another failure. */
  private static void assertRefusedTyped(byte[] bytes, String change) {
    assertThrowsExactly(MqttStateFormatException.class,
        () -> MqttState.readFrom(new ByteArrayInputStream(bytes)), () -> change);
  }

  private static void assertFailsFastAndSmall(Reason reason, byte[] bytes) {
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      long before = allocatedByThisThread();
      assertRefused(reason, bytes);
      long allocated = allocatedByThisThread() - before;

      assumeTrue(before >= 0, "this JVM measures the bytes a thread allocates");
      assertTrue(allocated < MOST_BYTES_A_CORRUPT_READ_MAY_ALLOCATE,
          () -> "allocated " + allocated + " bytes");
    });
  }

  /**
   * The bytes this thread has allocated so far, as HotSpot counts them, or -1 where that is not
   * measured. Reflection reaches the count because the api module, whose tests these are, reads
   * no management module.
   */
  private static long allocatedByThisThread() {
    try {
      Object threads = Class.forName("java.lang.management.ManagementFactory")
          .getMethod("getThreadMXBean").invoke(null);
      Method allocated = Class.forName("com.sun.management.ThreadMXBean")
          .getMethod("getCurrentThreadAllocatedBytes");
      return (long) allocated.invoke(threads);
    } catch (ReflectiveOperationException | ClassCastException e) {
      return -1;
    }
  }
}
