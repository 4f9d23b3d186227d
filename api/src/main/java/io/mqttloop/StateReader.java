package io.mqttloop;

import io.mqttloop.MqttStateFormatException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.zip.CRC32;

/**
 * Reads the binary form {@link StateCodec} specifies, in two passes. The first reads the layout
 * and checks the CRC32, holding each value as read; only then does the second make the requests,
 * through the API's own factories. So damaged bytes are reported as damaged rather than as
 * whatever value the damage happens to break, and intact bytes from a faulty writer still never
 * yield a request the API would refuse.
 *
 * <p>No length read is trusted with an allocation: a byte array grows only as its bytes arrive,
 * and a list only as its elements are read, each of which takes at least one byte. A corrupt
 * length therefore costs no more memory than the input holds, and ends at the end of the input.
 */
final class StateReader {
  /** The first allocation for a byte array, grown by doubling as its bytes arrive. */
  private static final int FIRST_CHUNK = 64 * 1024;

  private final InputStream in;
  private final CRC32 crc = new CRC32();
  private final byte[] scratch = new byte[Integer.BYTES];
  private long offset;

  private StateReader(InputStream in) {
    this.in = in;
  }

  static MqttState read(InputStream in) throws IOException {
    return new StateReader(Objects.requireNonNull(in, "in")).readState().build();
  }

  /** A state as read, each value not yet made into what the API holds. */
  private record Unchecked(byte[] clientId, List<Supplier<MqttState.InFlight>> inFlight,
      List<Supplier<Request>> unsent, List<Supplier<Subscription>> subscriptions,
      List<Integer> awaitingRelease) {

    MqttState build() throws MqttStateFormatException {
      List<MqttState.InFlight> entries = buildEach("in-flight entry", inFlight);
      List<Request> requests = buildEach("unsent request", unsent);
      List<Subscription> granted = buildEach("subscription", subscriptions);
      try {
        return new MqttState(decode("clientId", clientId), entries, requests, granted,
            awaitingRelease);
      } catch (IllegalArgumentException e) {
        throw invalid("the state is invalid: " + e.getMessage(), e);
      }
    }
  }

  private Unchecked readState() throws IOException {
    readHeader();

    byte[] clientId = readString("the client id");
    List<Supplier<MqttState.InFlight>> inFlight =
        readList("the in-flight count", StateCodec.MAX_PACKET_IDS, this::readInFlight);
    List<Supplier<Request>> unsent =
        readList("the unsent count", StateCodec.MAX_LIST, this::readRequest);
    List<Supplier<Subscription>> subscriptions =
        readList("the subscription count", StateCodec.MAX_LIST, this::readSubscription);
    List<Integer> awaitingRelease = readList("the awaiting-release count",
        StateCodec.MAX_PACKET_IDS, () -> readU16("a packet id awaiting release"));

    checkCrc();
    return new Unchecked(clientId, inFlight, unsent, subscriptions, awaitingRelease);
  }

  private void readHeader() throws IOException {
    long magic = readU32("the magic number");
    if (magic != StateCodec.MAGIC) {
      throw new MqttStateFormatException(Reason.NOT_A_STATE, String.format(Locale.ROOT,
          "not an mqttloop state: it starts with 0x%08X, not \"MQLS\" (0x%08X)", magic,
          StateCodec.MAGIC));
    }

    int version = readU16("the format version");
    if (version > StateCodec.VERSION) {
      throw new MqttStateFormatException(Reason.NEWER_VERSION, "written by a newer mqttloop:"
          + " format version " + version + ", this one reads " + StateCodec.VERSION);
    }
    if (version < StateCodec.VERSION) {
      throw corrupt("format version " + version + " does not exist; this mqttloop reads "
          + StateCodec.VERSION);
    }
  }

  private void checkCrc() throws IOException {
    long computed = crc.getValue();
    long stored = readU32("the CRC32");
    if (stored != computed) {
      throw corrupt(String.format(Locale.ROOT, "the CRC32 does not match: the state says"
          + " 0x%08X, its bytes give 0x%08X", stored, computed));
    }
  }

  private Supplier<MqttState.InFlight> readInFlight() throws IOException {
    int packetId = readU16("an in-flight packet id");
    int released = readU8("an in-flight released flag");
    Supplier<Request> request = readRequest();
    return () -> new MqttState.InFlight(packetId, request.get(), flag("released", released));
  }

  private Supplier<Request> readRequest() throws IOException {
    long at = offset;
    int type = readU8("a request type");
    return switch (type) {
      case StateCodec.PUBLISH -> readPublish();
      case StateCodec.SUBSCRIBE -> readSubscribe();
      case StateCodec.UNSUBSCRIBE -> readUnsubscribe();
      default -> throw corrupt("unknown request type " + type + " at byte " + at + ", where "
          + StateCodec.PUBLISH + " is publish, " + StateCodec.SUBSCRIBE + " subscribe and "
          + StateCodec.UNSUBSCRIBE + " unsubscribe");
    };
  }

  private Supplier<Request> readPublish() throws IOException {
    byte[] topic = readString("a publish topic");
    int qos = readU8("a publish QoS");
    int retain = readU8("a publish retain flag");
    byte[] payload = readBytes("a publish payload",
        readLength("a publish payload length", StateCodec.MAX_PAYLOAD_BYTES));

    return () -> Publish.builder(decode("topic", topic))
        .qos(qos)
        .retain(flag("retain", retain))
        .payload(payload)
        .build();
  }

  private Supplier<Request> readSubscribe() throws IOException {
    List<Supplier<Subscription>> subscriptions =
        readList("a subscribe count", StateCodec.MAX_LIST, this::readSubscription);
    return () -> Subscribe.to(buildEach(subscriptions));
  }

  private Supplier<Request> readUnsubscribe() throws IOException {
    List<byte[]> filters = readList("an unsubscribe count", StateCodec.MAX_LIST,
        () -> readString("an unsubscribe filter"));
    return () -> Unsubscribe.from(filters.stream().map(filter -> decode("filter", filter))
        .toList());
  }

  private Supplier<Subscription> readSubscription() throws IOException {
    byte[] filter = readString("a subscription filter");
    int qos = readU8("a subscription QoS");
    return () -> new Subscription(decode("filter", filter), QoS.of(qos));
  }

  /** What reads one element of a list. */
  @FunctionalInterface
  private interface ElementReader<T> {
    T read() throws IOException;
  }

  private <T> List<T> readList(String count, int max, ElementReader<T> element)
      throws IOException {
    int size = readLength(count, max);
    // Not sized from the count, which may be corrupt: the list grows as elements are read.
    List<T> list = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      list.add(element.read());
    }
    return list;
  }

  private byte[] readString(String what) throws IOException {
    return readBytes(what, readU16(what + "'s length"));
  }

  /**
   * A length or count, as a u32 within 0..max.
   *
   * @throws MqttStateFormatException when it is out of range
   */
  private int readLength(String what, int max) throws IOException {
    long at = offset;
    long length = readU32(what);
    if (length > max) {
      throw corrupt(what + " at byte " + at + " is " + length + ", outside its range 0.."
          + max);
    }
    return (int) length;
  }

  private int readU8(String what) throws IOException {
    fill(scratch, 0, 1, what);
    return Byte.toUnsignedInt(scratch[0]);
  }

  private int readU16(String what) throws IOException {
    fill(scratch, 0, 2, what);
    return Byte.toUnsignedInt(scratch[0]) << 8 | Byte.toUnsignedInt(scratch[1]);
  }

  private long readU32(String what) throws IOException {
    fill(scratch, 0, 4, what);
    return Integer.toUnsignedLong(ByteBuffer.wrap(scratch).getInt());
  }

  /** Exactly {@code length} bytes, in an array that grows only as they arrive. */
  private byte[] readBytes(String what, int length) throws IOException {
    byte[] bytes = new byte[Math.min(length, FIRST_CHUNK)];
    int filled = 0;
    while (filled < length) {
      if (filled == bytes.length) {
        bytes = Arrays.copyOf(bytes, (int) Math.min(length, 2L * bytes.length));
      }
      fill(bytes, filled, bytes.length, what);
      filled = bytes.length;
    }
    return bytes;
  }

  /** Reads into {@code bytes} from {@code from} to {@code to}, never past them in the input. */
  private void fill(byte[] bytes, int from, int to, String what) throws IOException {
    int at = from;
    while (at < to) {
      int read = in.read(bytes, at, to - at);
      if (read < 0) {
        throw new MqttStateFormatException(Reason.TRUNCATED, "truncated: the input ends at byte "
            + offset + ", in " + what);
      }
      crc.update(bytes, at, read);
      offset += read;
      at += read;
    }
  }

  private static <T> List<T> buildEach(String what, List<Supplier<T>> unchecked)
      throws MqttStateFormatException {
    List<T> built = new ArrayList<>(unchecked.size());
    for (int i = 0; i < unchecked.size(); i++) {
      try {
        built.add(unchecked.get(i).get());
      } catch (IllegalArgumentException e) {
        throw invalid(what + " " + i + " is invalid: " + e.getMessage(), e);
      }
    }
    return built;
  }

  /** Within a request, where the request's own index names the place of a refusal. */
  private static <T> List<T> buildEach(List<Supplier<T>> unchecked) {
    return unchecked.stream().map(Supplier::get).toList();
  }

  /**
   * The string {@code utf8} encodes.
   *
   * @throws IllegalArgumentException naming the field when it is not well-formed UTF-8
   */
  private static String decode(String field, byte[] utf8) {
    try {
      // A fresh decoder reports malformed input, where new String would put U+FFFD in its place.
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(utf8)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(field + " is not well-formed UTF-8", e);
    }
  }

  /**
   * The boolean a bool field holds.
   *
   * @throws IllegalArgumentException naming the field when it is neither 0 nor 1
   */
  private static boolean flag(String field, int value) {
    if (value > 1) {
      throw new IllegalArgumentException(field + " must be 0 or 1, was " + value);
    }
    return value == 1;
  }

  private static MqttStateFormatException corrupt(String message) {
    return new MqttStateFormatException(Reason.CORRUPT, "corrupt: " + message);
  }

  private static MqttStateFormatException invalid(String message, Throwable cause) {
    return new MqttStateFormatException(Reason.INVALID, message, cause);
  }
}
