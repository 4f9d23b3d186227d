package io.mqttloop.netty;

import io.mqttloop.Publish;
import io.mqttloop.spi.PublishPayload;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import org.jspecify.annotations.Nullable;

/**
 * A PUBLISH on its way out, as Netty's message, that makes its variable header and its payload
 * buffer only when a handler asks for them. The loop's {@link BatchEncoder} writes the topic, the
 * packet id and the caller's payload array straight from the {@link Publish}, so that a publish
 * no handler looks at never has either made. Once a handler has asked for the payload, the message
 * is reference-counted through that buffer, as Netty's is; until then there is nothing to release.
 */
final class OutgoingPublish extends MqttPublishMessage {
  private final Publish publish;
  private final int packetId;
  private @Nullable MqttPublishVariableHeader header;
  private @Nullable ByteBuf payload;

  /** {@code publish} under {@code packetId}, -1 at QoS 0, with {@code fixedHeader}. */
  OutgoingPublish(MqttFixedHeader fixedHeader, Publish publish, int packetId) {
    super(fixedHeader, null, Unpooled.EMPTY_BUFFER);
    this.publish = publish;
    this.packetId = packetId;
  }

  Publish publish() {
    return publish;
  }

  int packetId() {
    return packetId;
  }

  /** Whether a handler asked for the payload buffer, which must then be released. */
  boolean payloadMade() {
    return payload != null;
  }

  @Override
  public MqttPublishVariableHeader variableHeader() {
    MqttPublishVariableHeader made = header;
    if (made == null) {
      made = new MqttPublishVariableHeader(publish.topic(), packetId);
      header = made;
    }
    return made;
  }

  @Override
  public ByteBuf payload() {
    return content();
  }

  @Override
  public ByteBuf content() {
    ByteBuf made = payload;
    if (made == null) {
      made = Unpooled.wrappedBuffer(PublishPayload.arrayOf(publish));
      payload = made;
    }
    return made;
  }

  /** One reference until the payload is made: the message itself. */
  @Override
  public int refCnt() {
    ByteBuf made = payload;
    return made == null ? 1 : made.refCnt();
  }

  /** Releasing a message whose payload was never made lets nothing go: there is nothing held. */
  @Override
  public boolean release() {
    ByteBuf made = payload;
    return made == null || made.release();
  }

  @Override
  public boolean release(int decrement) {
    ByteBuf made = payload;
    return made == null || made.release(decrement);
  }

  /** Leak detection's touches, which every write makes, do not make the payload. */
  @Override
  public MqttPublishMessage touch() {
    ByteBuf made = payload;
    if (made != null) {
      made.touch();
    }
    return this;
  }

  @Override
  public MqttPublishMessage touch(Object hint) {
    ByteBuf made = payload;
    if (made != null) {
      made.touch(hint);
    }
    return this;
  }

  @Override
  public String toString() {
    return "OutgoingPublish[" + fixedHeader() + ", " + variableHeader() + ", payload="
        + publish.payloadSize() + " bytes]";
  }
}
