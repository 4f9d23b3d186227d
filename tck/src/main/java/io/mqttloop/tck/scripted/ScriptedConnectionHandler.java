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
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the script on one connection: answers each packet the client sends (or holds the answer
 * back), then records the packet. Answering before recording means that once a test sees a
 * packet, the broker's answer to it is already written or held.
 */
final class ScriptedConnectionHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ScriptedConnectionHandler.class);

  private final Connection connection;
  private final BrokerScript script;
  private final Recording recording;
  private final HeldAcks heldAcks;

  ScriptedConnectionHandler(
      Connection connection, BrokerScript script, Recording recording, HeldAcks heldAcks) {
    this.connection = connection;
    this.script = script;
    this.recording = recording;
    this.heldAcks = heldAcks;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    MqttMessage packet = detached((MqttMessage) msg);
    if (LOG.isTraceEnabled()) {
      LOG.trace("received {} on {}", PacketDescription.of(packet), connection);
    }

    if (packet.decoderResult().isFailure()) {
      recording.record(new ReceivedPacket(connection.index(), packet));
      connection.closeByBroker();
      return;
    }

    try {
      if (!script.silent()) {
        answer(packet);
      }
    } finally {
      // Recorded even if answering failed, so that the test still sees what the client sent.
      recording.record(new ReceivedPacket(connection.index(), packet));
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
      case SUBSCRIBE -> reply(grantAsRequested((MqttSubscribeMessage) packet));
      case UNSUBSCRIBE -> reply(BrokerPackets.unsuback(packetId(packet)));
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

  private ChannelFuture reply(MqttMessage answer) {
    return connection.channel().writeAndFlush(answer)
        .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
  }

  private static MqttMessage grantAsRequested(MqttSubscribeMessage subscribe) {
    int[] granted = subscribe.payload().topicSubscriptions().stream()
        .map(MqttTopicSubscription::qualityOfService)
        .mapToInt(MqttQoS::value)
        .toArray();
    return BrokerPackets.suback(subscribe.variableHeader().messageId(), granted);
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
