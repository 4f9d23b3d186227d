package io.mqttloop.tck.scripted;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the script on one connection: answers each packet the client sends (or holds the answer
 * back), then records the packet with the first byte the tap noted for it. Answering before
 * recording means that once a test sees a packet, the broker's answer to it is already written
 * or held.
 */
final class ScriptedConnectionHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ScriptedConnectionHandler.class);

  private final Connection connection;
  private final BrokerScript script;
  private final Recording recording;
  private final HeldAcks heldAcks;
  private final FirstByteTap tap;

  ScriptedConnectionHandler(Connection connection, BrokerScript script, Recording recording,
      HeldAcks heldAcks, FirstByteTap tap) {
    this.connection = connection;
    this.script = script;
    this.recording = recording;
    this.heldAcks = heldAcks;
    this.tap = tap;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    MqttMessage packet = detached((MqttMessage) msg);
    ReceivedPacket received = new ReceivedPacket(connection.index(), packet, tap.takeFirstByte());
    LOG.trace("received {}", received);

    if (packet.decoderResult().isFailure()) {
      recording.record(received);
      connection.closeByBroker();
      return;
    }

    try {
      if (!script.silent()) {
        answer(packet);
      }
    } finally {
      // Recorded even if answering failed, so that the test still sees what the client sent.
      recording.record(received);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A reset by the client lands here; the close that follows is the client's doing.
    LOG.debug("{} failed", connection, cause);
    ctx.close();
  }

  private void answer(MqttMessage packet) {
    switch (packet.fixedHeader().messageType()) {
      case CONNECT -> answerConnect();
      case PUBLISH -> answerPublish((MqttPublishMessage) packet);
      case PUBREL -> acknowledge(BrokerPackets.pubcomp(packetId(packet)));
      case SUBSCRIBE -> answerSubscribe((MqttSubscribeMessage) packet);
      case UNSUBSCRIBE -> answerUnsubscribe(packetId(packet));
      case PINGREQ -> reply(BrokerPackets.pingresp());
      default -> {
        // DISCONNECT and the client's own acks call for no answer.
      }
    }
  }

  private void answerConnect() {
    if (!connection.claimConnectAnswer()) {
      return;
    }

    ConnackScript connack = script.connackFor(connection.index());
    if (connack instanceof ConnackScript.Accept accept) {
      reply(BrokerPackets.connack(0, accept.sessionPresent()));
    } else if (connack instanceof ConnackScript.Refuse refuse) {
      reply(BrokerPackets.connack(refuse.returnCode(), false))
          .addListener(written -> connection.closeByBroker());
    }
  }

  private void answerPublish(MqttPublishMessage publish) {
    int packetId = publish.variableHeader().packetId();
    switch (publish.fixedHeader().qosLevel()) {
      case AT_LEAST_ONCE -> acknowledge(BrokerPackets.puback(packetId));
      case EXACTLY_ONCE -> acknowledge(BrokerPackets.pubrec(packetId));
      default -> {
        // QoS 0 is never acknowledged.
      }
    }
  }

  private void acknowledge(MqttMessage ack) {
    if (script.holdingAcks()) {
      heldAcks.hold(connection, ack);
    } else {
      reply(ack);
    }
  }

  /**
   * Answers as the SUBACK script says. The SUBACK goes out as bytes because netty's encoder
   * refuses return codes MQTT 3.1.1 does not define, and a test may want to send one.
   */
  private void answerSubscribe(MqttSubscribeMessage subscribe) {
    List<MqttTopicSubscription> subscriptions = subscribe.payload().topicSubscriptions();
    SubackScript suback = script.suback();
    int[] codes = new int[subscriptions.size()];
    for (int i = 0; i < codes.length; i++) {
      String filter = subscriptions.get(i).topicFilter();
      try {
        codes[i] = suback.returnCode(filter, subscriptions.get(i).qualityOfService().value());
      } catch (RuntimeException e) {
        LOG.warn("SUBACK script failed on filter {}; closing {}", filter, connection, e);
        connection.closeByBroker();
        return;
      }
      if (codes[i] < 0 || codes[i] > 0xFF) {
        LOG.warn("SUBACK script answered {} for filter {}, which fits no byte; closing {}",
            codes[i], filter, connection);
        connection.closeByBroker();
        return;
      }
    }

    int packetId = subscribe.variableHeader().messageId();
    byte[] answer = RawPackets.suback(packetId, codes);
    if (script.holdingSubscriptionAcks()) {
      heldAcks.hold(connection, packetId, answer,
          "SUBACK id=" + packetId + " codes=" + Arrays.toString(codes));
    } else {
      reply(Unpooled.wrappedBuffer(answer));
    }
  }

  private void answerUnsubscribe(int packetId) {
    MqttMessage unsuback = BrokerPackets.unsuback(packetId);
    if (script.holdingSubscriptionAcks()) {
      heldAcks.hold(connection, unsuback);
    } else {
      reply(unsuback);
    }
  }

  /** Writes an {@link MqttMessage} or a {@code ByteBuf} of raw bytes, without waiting. */
  private ChannelFuture reply(Object answer) {
    return connection.channel().writeAndFlush(answer)
        .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
  }

  private static int packetId(MqttMessage packet) {
    return ((MqttMessageIdVariableHeader) packet.variableHeader()).messageId();
  }

  /**
   * Moves a PUBLISH's payload to an unpooled heap buffer, so that the recorded packet stays
   * readable after the pooled one goes back to its pool, and nothing needs releasing later.
   */
  private static MqttMessage detached(MqttMessage packet) {
    if (!(packet instanceof MqttPublishMessage publish)) {
      return packet;
    }
    try {
      return publish.replace(Unpooled.wrappedBuffer(ByteBufUtil.getBytes(publish.content())));
    } finally {
      publish.release();
    }
  }
}
