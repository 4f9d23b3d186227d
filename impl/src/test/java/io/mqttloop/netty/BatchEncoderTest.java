package io.mqttloop.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttloop.Publish;
import io.mqttloop.QoS;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.util.IllegalReferenceCountException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The batch encoder writes exactly the bytes Netty's MQTT encoder writes for the same packets, in
 * the order they were written, in one buffer per flush when nothing waits on a write.
 */
class BatchEncoderTest {
  private final EmbeddedChannel batched = new EmbeddedChannel(MqttEncoder.INSTANCE,
      new BatchEncoder());
  private final EmbeddedChannel reference = new EmbeddedChannel(MqttEncoder.INSTANCE);

  @Test
  void publishesAndAcknowledgementsAreTheBytesNettyWrites() {
    Supplier<List<MqttMessage>> packets = () -> List.of(
        Packets.publish(publish("a/b", "hello", QoS.AT_LEAST_ONCE, false), 1, false),
        Packets.publish(publish("t/ü/€", "", QoS.EXACTLY_ONCE, true), 65_535, true),
        Packets.publish(publish("q0", "x", QoS.AT_MOST_ONCE, true), 7, false),
        Packets.puback(2), Packets.pubrec(3), Packets.pubrel(300), Packets.pubcomp(65_535));

    assertEquals(hex(reference(packets.get())), hex(batched(packets.get())));
  }

  @Test
  void aPublishNoHandlerLookedAtIsWrittenWithoutMakingItsParts() {
    OutgoingPublish untouched = helloPublish(QoS.AT_LEAST_ONCE, false);
    untouched.touch("leak detection's hint");

    String bytes = hex(batched(List.of(untouched)));

    assertFalse(untouched.payloadMade(), "the payload buffer was made");
    assertEquals(hex(reference(List.of(helloPublish(QoS.AT_LEAST_ONCE, false)))), bytes);
  }

  @Test
  void aPublishAHandlerLookedAtIsWrittenFromWhatItSawAndReleased() {
    OutgoingPublish seen = helloPublish(QoS.EXACTLY_ONCE, true);
    assertEquals("hello", seen.payload().toString(StandardCharsets.UTF_8));
    assertEquals("a/b", seen.variableHeader().topicName());
    assertEquals(9, seen.variableHeader().packetId());

    String bytes = hex(batched(List.of(seen)));

    assertEquals(0, seen.refCnt(), "the payload buffer was released");
    assertEquals(hex(reference(List.of(helloPublish(QoS.EXACTLY_ONCE, true)))), bytes);
  }

  @Test
  void aPacketThatFailsToEncodeLeavesNoBytesBehind() {
    OutgoingPublish broken = helloPublish(QoS.AT_LEAST_ONCE, false);
    broken.payload().release();

    batched.write(Packets.puback(1), batched.voidPromise());
    batched.write(broken, batched.voidPromise());
    batched.write(Packets.puback(2), batched.voidPromise());
    batched.flush();

    assertThrows(IllegalReferenceCountException.class, batched::checkException);
    assertEquals(hex(reference(List.of(Packets.puback(1), Packets.puback(2)))),
        hex(drain(batched)));
  }

  @Test
  void theWritesBeforeAFlushGoOutAsOneBuffer() {
    for (int id = 1; id <= 25; id++) {
      batched.write(Packets.publish(publish("t", "64 bytes", QoS.AT_LEAST_ONCE, false), id,
          false), batched.voidPromise());
    }
    assertNull(batched.readOutbound(), "nothing goes on before the flush");

    batched.flush();

    ByteBuf one = batched.readOutbound();
    assertNull(batched.readOutbound(), "25 publishes in one buffer");
    assertEquals(25 * (2 + 2 + 1 + 2 + 8), one.readableBytes());
    one.release();
  }

  @Test
  void aPayloadLargerThanTheBufferGoesWhole() {
    byte[] large = new byte[100_000];
    large[99_999] = 42;
    Supplier<List<MqttMessage>> packets = () -> List.of(Packets.puback(1),
        Packets.publish(Publish.of("big", large, QoS.AT_LEAST_ONCE), 2, false),
        Packets.puback(3));

    assertEquals(hex(reference(packets.get())), hex(batched(packets.get())));
  }

  @Test
  void aWatchedWriteGoesAfterWhatWasCollected() {
    batched.write(Packets.puback(1), batched.voidPromise());
    ChannelFuture watched = batched.write(Packets.publish(
        publish("q0", "watched", QoS.AT_MOST_ONCE, false), 0, false));
    batched.write(Packets.puback(2), batched.voidPromise());
    batched.flush();

    assertTrue(watched.isSuccess());
    List<MqttMessage> expected = List.of(Packets.puback(1),
        Packets.publish(publish("q0", "watched", QoS.AT_MOST_ONCE, false), 0, false),
        Packets.puback(2));
    assertEquals(hex(reference(expected)), hex(drain(batched)));
  }

  @Test
  void whatWasNeverFlushedIsReleasedWithTheChannel() {
    RecordingAllocator allocator = new RecordingAllocator();
    batched.config().setAllocator(allocator);
    batched.write(Packets.puback(1), batched.voidPromise());

    assertFalse(batched.finishAndReleaseAll(), "nothing was flushed");
    assertEquals(1, allocator.buffers.size());
    assertEquals(0, allocator.buffers.get(0).refCnt(), "the collected buffer was released");
  }

  /** Keeps every buffer it hands out, to see whether they were released. */
  private static final class RecordingAllocator extends AbstractByteBufAllocator {
    final List<ByteBuf> buffers = new ArrayList<>();

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
      return record(Unpooled.buffer(initialCapacity, maxCapacity));
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
      return record(Unpooled.directBuffer(initialCapacity, maxCapacity));
    }

    @Override
    public boolean isDirectBufferPooled() {
      return false;
    }

    private ByteBuf record(ByteBuf buffer) {
      buffers.add(buffer);
      return buffer;
    }
  }

  /** "hello" to a/b under packet id 9, with DUP and RETAIN as {@code again} says. */
  private static OutgoingPublish helloPublish(QoS qos, boolean again) {
    return (OutgoingPublish) Packets.publish(publish("a/b", "hello", qos, again), 9, again);
  }

  private static Publish publish(String topic, String payload, QoS qos, boolean retain) {
    return Publish.builder(topic).payload(payload.getBytes(StandardCharsets.UTF_8)).qos(qos)
        .retain(retain).build();
  }

  private ByteBuf batched(List<MqttMessage> packets) {
    for (MqttMessage packet : packets) {
      batched.write(packet, batched.voidPromise());
    }
    batched.flush();
    return drain(batched);
  }

  private ByteBuf reference(List<MqttMessage> packets) {
    for (MqttMessage packet : packets) {
      reference.writeOutbound(packet);
    }
    return drain(reference);
  }

  private static ByteBuf drain(EmbeddedChannel channel) {
    List<ByteBuf> buffers = new ArrayList<>();
    ByteBuf next;
    while ((next = channel.readOutbound()) != null) {
      buffers.add(next);
    }
    return Unpooled.wrappedBuffer(buffers.toArray(new ByteBuf[0]));
  }

  private static String hex(ByteBuf bytes) {
    try {
      return ByteBufUtil.hexDump(bytes);
    } finally {
      bytes.release();
    }
  }
}
