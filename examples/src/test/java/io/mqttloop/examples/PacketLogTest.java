package io.mqttloop.examples;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.junit.jupiter.api.Test;

class PacketLogTest {

  @Test
  void aPacketGoingOutIsDescribedByItsTypeAndSizeWithoutItsPayload() {
    ByteBuf publish = Unpooled.buffer();
    publish.writeByte(0x30).writeByte(11).writeShort(3).writeBytes("a/bsecret".getBytes(US_ASCII));

    assertEquals("PUBLISH, 13 bytes", PacketLog.describe(publish));
  }

  @Test
  void aPacketComingInCountsItsFixedHeaderAndRemainingLength() {
    assertEquals("PUBACK, 4 bytes", PacketLog.describe(decoded(MqttMessageType.PUBACK, 2)));
    assertEquals("PUBLISH, 203 bytes", PacketLog.describe(decoded(MqttMessageType.PUBLISH, 200)));
  }

  @Test
  void aFirstByteOfAReservedTypeIsNamedByNumber() {
    assertEquals("type 0, 2 bytes", PacketLog.describe(Unpooled.wrappedBuffer(new byte[2])));
  }

  private static MqttMessage decoded(MqttMessageType type, int remainingLength) {
    return new MqttMessage(new MqttFixedHeader(type, false, MqttQoS.AT_MOST_ONCE, false,
        remainingLength));
  }
}
