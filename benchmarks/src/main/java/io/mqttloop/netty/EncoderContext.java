package io.mqttloop.netty;

import io.mqttloop.Publish;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttEncoder;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A channel whose pipeline encodes as the loop's does: the loop's batch encoder, with Netty's MQTT
 * encoder behind it, and the channel's allocator. A JMH state, one per thread.
 */
@State(Scope.Thread)
public class EncoderContext {
  private static final int FIRST_PACKET_ID = 42;

  private EmbeddedChannel channel = new EmbeddedChannel();

  @Setup
  public void setUp() {
    channel = new EmbeddedChannel(MqttEncoder.INSTANCE, new BatchEncoder());
  }

  @TearDown
  public void tearDown() {
    channel.finishAndReleaseAll();
  }

  /**
   * Encodes {@code publish} under packet id 42 as the pipeline does, flushes, and releases the
   * bytes; returns the packet's length.
   */
  int encodeAndRelease(Publish publish) {
    return encodeAndRelease(publish, 1);
  }

  /**
   * Encodes {@code count} packets of {@code publish}, with ids from 42, and flushes them together,
   * as the loop refills a quarter of its window; releases the bytes and returns their length.
   */
  int encodeAndRelease(Publish publish, int count) {
    for (int i = 0; i < count; i++) {
      write(publish, FIRST_PACKET_ID + i);
    }
    return flushAndRelease();
  }

  /** Writes {@code publish} under {@code packetId}, to go out with the next flush. */
  void write(Publish publish, int packetId) {
    channel.write(Packets.publish(publish, packetId, false), channel.voidPromise());
  }

  /** Flushes what was written and releases the bytes; returns their length. */
  int flushAndRelease() {
    channel.flush();
    ByteBuf bytes = channel.readOutbound();
    int length = bytes.readableBytes();
    bytes.release();
    return length;
  }
}
