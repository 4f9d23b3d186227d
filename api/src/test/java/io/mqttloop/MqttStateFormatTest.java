package io.mqttloop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttloop.MqttState.InFlight;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MqttStateFormatTest {
  /** The golden state's bytes, worked out by hand from the specification in StateCodec. */
  private static final String GOLDEN_HEX = "4d514c53" + "0001" + "000163"
      + "00000002"
      + "0001" + "00" + "01" + "000161" + "01" + "00" + "00000001" + "01"
      + "0002" + "01" + "01" + "000162" + "02" + "00" + "00000000"
      + "00000003"
      + "01" + "000172" + "00" + "01" + "00000000"
      + "02" + "00000001" + "0003732f23" + "01"
      + "03" + "00000001" + "000175"
      + "00000001" + "0003732f23" + "02"
      + "00000001" + "0007"
      + "034f01aa";

  private static final String EMPTY_HEX = "4d514c53" + "0001" + "0000"
      + "00000000" + "00000000" + "00000000" + "00000000" + "1cad499a";

  static MqttState golden() {
    return new MqttState("c",
        List.of(new InFlight(1, Publish.of("a", new byte[] {1}, QoS.AT_LEAST_ONCE), false),
            new InFlight(2, Publish.of("b", new byte[0], QoS.EXACTLY_ONCE), true)),
        List.of(Publish.builder("r").retain(true).build(),
            Subscribe.to("s/#", QoS.AT_LEAST_ONCE),
            Unsubscribe.from("u")),
        List.of(new Subscription("s/#", QoS.EXACTLY_ONCE)),
        List.of(7));
  }

  static byte[] bytesOf(MqttState state) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    state.writeTo(out);
    return out.toByteArray();
  }

  @Test
  void aSmallStateIsWrittenAsTheSpecificationSays() throws IOException {
    assertEquals(GOLDEN_HEX, HexFormat.of().formatHex(bytesOf(golden())));
  }

  @Test
  void theEmptyStateIsWrittenAsTheSpecificationSays() throws IOException {
    assertEquals(EMPTY_HEX, HexFormat.of().formatHex(bytesOf(MqttState.EMPTY)));
  }

  @Test
  void theGoldenBytesReadAsTheGoldenState() throws IOException {
    byte[] bytes = HexFormat.of().parseHex(GOLDEN_HEX);

    assertSameState(golden(), MqttState.readFrom(new ByteArrayInputStream(bytes)));
  }

  @Test
  void theEmptyStateRoundTrips() throws IOException {
    MqttState read = roundTrip(MqttState.EMPTY);

    assertSameState(MqttState.EMPTY, read);
    assertTrue(read.isEmpty());
  }

  @Test
  void aStateWithEveryKindOfContentRoundTrips() throws IOException {
    MqttState rich = rich();

    assertSameState(rich, roundTrip(rich));
  }

  @Test
  void aStateReadOneByteAtATimeIsTheSame() throws IOException {
    MqttState rich = rich();
    InputStream trickle = new OneByteAtATime(new ByteArrayInputStream(bytesOf(rich)));

    assertSameState(rich, MqttState.readFrom(trickle));
  }

  @Test
  void theRequestsReadAreNewOnesWithPendingStages() throws IOException {
    MqttState original = golden();

    MqttState read = roundTrip(original);

    for (int i = 0; i < original.requests().size(); i++) {
      Request readRequest = read.requests().get(i);
      assertNotSame(original.requests().get(i), readRequest);
      assertFalse(readRequest.completion().toCompletableFuture().isDone());
    }
  }

  @Test
  void writingFlushesTheStreamAndLeavesItOpen() throws IOException {
    RecordingOutputStream out = new RecordingOutputStream();

    golden().writeTo(out);

    assertEquals(GOLDEN_HEX, HexFormat.of().formatHex(out.toByteArray()));
    assertTrue(out.flushed, "flushed");
    assertFalse(out.closed, "left open");
  }

  @Test
  void readingTakesExactlyTheStateAndLeavesWhatFollowsInTheStream() throws IOException {
    byte[] tail = "after the state".getBytes(StandardCharsets.US_ASCII);
    RecordingInputStream in = new RecordingInputStream(new SequenceInputStream(
        new ByteArrayInputStream(bytesOf(golden())), new ByteArrayInputStream(tail)));

    MqttState read = MqttState.readFrom(in);

    assertSameState(golden(), read);
    assertArrayEquals(tail, in.readAllBytes());
    assertFalse(in.closed, "left open");
  }

  @Test
  void statesWrittenOneAfterAnotherReadBackInOrder() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    golden().writeTo(out);
    MqttState.EMPTY.writeTo(out);
    rich().writeTo(out);
    ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());

    assertSameState(golden(), MqttState.readFrom(in));
    assertSameState(MqttState.EMPTY, MqttState.readFrom(in));
    assertSameState(rich(), MqttState.readFrom(in));
    assertEquals(-1, in.read());
  }

  @Test
  void aClientIdWithALoneSurrogateIsRefusedAndNothingWritten() {
    MqttState state = new MqttState("a\uD800b", List.of(), List.of(), List.of(), List.of());
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    String message = Refusals.assertRefused(() -> state.writeTo(out));

    assertTrue(message.startsWith("clientId must not contain a lone surrogate"), message);
    assertEquals(0, out.size());
  }

  @Test
  void aClientIdOver65535BytesIsRefusedAndNothingWritten() {
    MqttState state = new MqttState("é".repeat(32_768), List.of(), List.of(), List.of(),
        List.of());
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    Refusals.assertRefused("clientId's UTF-8 length must be at most 65535 to be written, was"
        + " 65536", () -> state.writeTo(out));
    assertEquals(0, out.size());
  }

  @Test
  void aClientIdOfExactly65535BytesRoundTrips() throws IOException {
    MqttState state = new MqttState("😀".repeat(16_383) + "abc", List.of(), List.of(),
        List.of(), List.of());

    assertSameState(state, roundTrip(state));
  }

  @Test
  void moreThan65535PacketIdsAwaitingReleaseAreRefused() {
    MqttState state = new MqttState("", List.of(), List.of(), List.of(),
        Collections.nCopies(65_536, 1));

    Refusals.assertRefused("awaitingRelease must be at most 65535 to be written, was 65536",
        () -> state.writeTo(new ByteArrayOutputStream()));
  }

  /**
   * Every request type, every QoS, retain, a released QoS 2 publish, empty and 64 KB payloads,
   * topics of 1- to 4-byte characters and of MQTT's longest, subscriptions, ids awaiting release.
   */
  static MqttState rich() {
    byte[] large = new byte[64 * 1024];
    new Random(42).nextBytes(large);
    List<InFlight> inFlight = List.of(
        new InFlight(1, Publish.builder("a/b").payload(large).qos(1).retain(true).build(), false),
        new InFlight(65_535, Publish.of("é/€", new byte[] {0, -1}, QoS.EXACTLY_ONCE), false),
        new InFlight(2, Publish.of("😀", new byte[0], QoS.EXACTLY_ONCE), true),
        new InFlight(300, Subscribe.to(List.of(new Subscription("+/#", QoS.AT_MOST_ONCE),
            new Subscription("x/+/y", QoS.EXACTLY_ONCE))), false),
        new InFlight(4, Unsubscribe.from("+/#", "ü/😀"), false));
    List<Request> unsent = new ArrayList<>();
    unsent.add(Publish.of("a", large, QoS.AT_MOST_ONCE));
    unsent.add(Publish.builder("ß").qos(QoS.AT_MOST_ONCE).retain(true).build());
    unsent.add(Publish.of("a".repeat(65_535), new byte[] {7}, QoS.AT_LEAST_ONCE));
    unsent.add(Publish.of("😀".repeat(16_383) + "€", new byte[0], QoS.EXACTLY_ONCE));
    unsent.add(Subscribe.to("é".repeat(32_767) + "x", QoS.AT_LEAST_ONCE));
    unsent.add(Unsubscribe.from(List.of("€/#")));
    List<Subscription> subscriptions = List.of(new Subscription("s/#", QoS.AT_MOST_ONCE),
        new Subscription("s/+/t", QoS.AT_LEAST_ONCE), new Subscription("😀", QoS.EXACTLY_ONCE));
    return new MqttState("client-ü-€-😀", inFlight, unsent, subscriptions,
        List.of(1, 65_535, 42));
  }

  static MqttState roundTrip(MqttState state) throws IOException {
    return MqttState.readFrom(new ByteArrayInputStream(bytesOf(state)));
  }

  static void assertSameState(MqttState expected, MqttState actual) {
    assertEquals(expected.clientId(), actual.clientId(), "clientId");

    assertEquals(expected.inFlight().size(), actual.inFlight().size(), "in-flight count");
    for (int i = 0; i < expected.inFlight().size(); i++) {
      InFlight want = expected.inFlight().get(i);
      InFlight got = actual.inFlight().get(i);
      assertEquals(want.packetId(), got.packetId(), "packet id of in-flight entry " + i);
      assertEquals(want.released(), got.released(), "released of in-flight entry " + i);
      assertSameRequest(want.request(), got.request());
    }

    assertEquals(expected.unsent().size(), actual.unsent().size(), "unsent count");
    for (int i = 0; i < expected.unsent().size(); i++) {
      assertSameRequest(expected.unsent().get(i), actual.unsent().get(i));
    }

    assertEquals(expected.subscriptions(), actual.subscriptions(), "subscriptions");
    assertEquals(expected.awaitingRelease(), actual.awaitingRelease(), "awaitingRelease");
  }

  /** Requests compare by identity; this compares what they ask. */
  static void assertSameRequest(Request expected, Request actual) {
    assertEquals(expected.getClass(), actual.getClass(), "request type");
    if (expected instanceof Publish publish) {
      Publish read = assertInstanceOf(Publish.class, actual);
      assertEquals(publish.topic(), read.topic(), "topic");
      assertEquals(publish.qos(), read.qos(), "qos");
      assertEquals(publish.retain(), read.retain(), "retain");
      assertArrayEquals(bytes(publish.payload()), bytes(read.payload()), "payload");
    } else if (expected instanceof Subscribe subscribe) {
      Subscribe read = assertInstanceOf(Subscribe.class, actual);
      assertEquals(subscribe.subscriptions(), read.subscriptions(), "subscriptions");
    } else {
      Unsubscribe read = assertInstanceOf(Unsubscribe.class, actual);
      assertEquals(((Unsubscribe) expected).filters(), read.filters(), "filters");
    }
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  /** A stream that hands over one byte per read, as a slow socket may. */
  private static final class OneByteAtATime extends FilterInputStream {
    OneByteAtATime(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      return super.read(bytes, offset, Math.min(length, 1));
    }
  }

  private static final class RecordingOutputStream extends ByteArrayOutputStream {
    boolean flushed;
    boolean closed;

    @Override
    public void flush() {
      flushed = true;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static final class RecordingInputStream extends FilterInputStream {
    boolean closed;

    RecordingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
