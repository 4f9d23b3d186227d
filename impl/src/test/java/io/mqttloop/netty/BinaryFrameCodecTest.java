package io.mqttloop.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttloop.MqttProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The MQTT byte stream in WebSocket binary frames: packets that span frames and frames that hold
 * several packets reach the decoder whole, each buffer written leaves as one binary frame, and a
 * text frame is a protocol error.
 */
class BinaryFrameCodecTest {
  /** PUBLISH at QoS 0 to "a/b" of "hello". */
  private static final byte[] PUBLISH = {0x30, 10, 0, 3, 'a', '/', 'b', 'h', 'e', 'l', 'l', 'o'};
  private static final byte[] PINGRESP = {(byte) 0xd0, 0};
  private static final byte[] PUBACK = {0x40, 2, 0, 7};

  private final EmbeddedChannel channel =
      new EmbeddedChannel(new BinaryFrameCodec(), new MqttDecoder());

  @Test
  void aFrameHoldingSeveralPacketsGivesEachOfThem() {
    channel.writeInbound(new BinaryWebSocketFrame(bytes(PINGRESP, PUBACK)));

    assertEquals(MqttMessageType.PINGRESP, nextPacket().fixedHeader().messageType());
    assertEquals(MqttMessageType.PUBACK, nextPacket().fixedHeader().messageType());
    assertNull(channel.readInbound());
  }

  @Test
  void aPacketSpanningFramesArrivesWhole() {
    channel.writeInbound(new BinaryWebSocketFrame(false, 0,
        Unpooled.wrappedBuffer(Arrays.copyOfRange(PUBLISH, 0, 5))));
    channel.writeInbound(new ContinuationWebSocketFrame(
        Unpooled.wrappedBuffer(Arrays.copyOfRange(PUBLISH, 5, PUBLISH.length))));

    MqttPublishMessage publish = assertInstanceOf(MqttPublishMessage.class, nextPacket());
    assertEquals("a/b", publish.variableHeader().topicName());
    assertEquals("hello", publish.payload().toString(StandardCharsets.UTF_8));
    publish.release();
  }

  @Test
  void eachBufferWrittenLeavesAsOneBinaryFrame() {
    channel.writeOutbound(bytes(PUBLISH));

    BinaryWebSocketFrame frame = assertInstanceOf(BinaryWebSocketFrame.class,
        channel.readOutbound());
    assertArrayEquals(PUBLISH, ByteBufUtil.getBytes(frame.content()));
    frame.release();
  }

  @Test
  void aTextFrameIsAProtocolError() {
    MqttProtocolException refused = assertThrows(MqttProtocolException.class,
        () -> channel.writeInbound(new TextWebSocketFrame("{}")));

    assertInstanceOf(CorruptedFrameException.class, refused.getCause());
    assertTrue(refused.getMessage().contains("binary frames only"), refused.getMessage());
  }

  private MqttMessage nextPacket() {
    MqttMessage packet = channel.readInbound();
    assertTrue(packet.decoderResult().isSuccess(), packet.decoderResult().toString());
    return packet;
  }

  private static ByteBuf bytes(byte[]... parts) {
    return Unpooled.wrappedBuffer(parts);
  }
}
