package io.mqttloop.netty;

import io.mqttloop.Publish;
import io.mqttloop.QoS;
import io.mqttloop.Subscribe;
import io.mqttloop.SubscriptionRefusedException;
import io.mqttloop.Unsubscribe;
import io.mqttloop.spi.LoopStage;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's answers to the client's own requests: each completes the stage of the request in
 * flight under its packet id and frees the id. An answer that matches no request in flight is a
 * protocol error. Confined to the loop.
 */
final class RequestAcknowledgements {
  private static final int FAILURE = 0x80;
  private static final Logger log = LoggerFactory.getLogger(RequestAcknowledgements.class);

  private final Session session;
  private final InflightTable inFlight;
  private final Wire wire;

  RequestAcknowledgements(Session session, Wire wire) {
    this.session = session;
    this.inFlight = session.inFlight();
    this.wire = wire;
  }

  void pubAck(int packetId) {
    InflightTable.Entry entry = inFlight.get(packetId);
    if (entry == null || !(entry.request instanceof Publish publish)
        || publish.qos() != QoS.AT_LEAST_ONCE) {
      unmatched("PUBACK", packetId, "a QoS 1 publish in flight");
      return;
    }
    inFlight.remove(packetId);
    LoopStage.of(publish).succeed(publish);
  }

  /** PUBREC releases a QoS 2 publish: PUBREL goes out, and the publish waits for PUBCOMP. */
  void pubRec(int packetId) {
    InflightTable.Entry entry = inFlight.get(packetId);
    if (entry == null || !(entry.request instanceof Publish publish)
        || publish.qos() != QoS.EXACTLY_ONCE) {
      unmatched("PUBREC", packetId, "a QoS 2 publish in flight");
      return;
    }
    entry.released = true;
    wire.write(Packets.pubrel(packetId));
    wire.flushSoon();
  }

  void pubComp(int packetId) {
    InflightTable.Entry entry = inFlight.get(packetId);
    if (entry == null || !entry.released) {
      unmatched("PUBCOMP", packetId, "a released QoS 2 publish");
      return;
    }
    inFlight.remove(packetId);
    LoopStages.succeed(entry.request);
  }

  /**
   * SUBACK completes a subscribe with the QoS granted per filter, or fails it on a refusal. It
   * must answer a SUBSCRIBE in flight, with one code per filter, each 0, 1, 2 or 0x80.
   */
  void subAck(MqttSubAckMessage subAck) {
    int packetId = subAck.variableHeader().messageId();
    InflightTable.Entry entry = inFlight.get(packetId);
    if (entry == null || !(entry.request instanceof Subscribe subscribe)) {
      unmatched("SUBACK", packetId, "a SUBSCRIBE in flight");
      return;
    }
    List<@Nullable QoS> granted = grantedBy(subAck, subscribe);
    if (granted == null) {
      return;
    }
    inFlight.remove(packetId);
    session.subscribed(subscribe, granted);
    if (granted.contains(null) && entry.internal) {
      log.warn("The broker refused to restore some subscriptions: {}", granted);
    }
    if (granted.contains(null)) {
      LoopStage.of(subscribe).fail(new SubscriptionRefusedException(subscribe, granted));
    } else {
      LoopStage.of(subscribe).succeed(List.copyOf(granted));
    }
  }

  /** The QoS granted per filter, null for a refusal; null when the codes break the protocol. */
  private @Nullable List<@Nullable QoS> grantedBy(MqttSubAckMessage subAck, Subscribe subscribe) {
    List<Integer> codes;
    try {
      codes = subAck.payload().grantedQoSLevels();
    } catch (RuntimeException undefinedCode) {
      codes = List.of(-1);
    }
    if (codes.size() != subscribe.subscriptions().size()) {
      wire.protocolError("the broker sent a SUBACK with " + codes.size() + " return codes for a"
          + " SUBSCRIBE of " + subscribe.subscriptions().size() + " filters");
      return null;
    }
    List<@Nullable QoS> granted = new ArrayList<>(codes.size());
    for (int code : codes) {
      if (code != FAILURE && (code < 0 || code > 2)) {
        wire.protocolError("the broker sent a SUBACK with a return code MQTT 3.1.1 does not"
            + " define: " + code);
        return null;
      }
      granted.add(code == FAILURE ? null : QoS.of(code));
    }
    return granted;
  }

  void unsubAck(int packetId) {
    InflightTable.Entry entry = inFlight.get(packetId);
    if (entry == null || !(entry.request instanceof Unsubscribe unsubscribe)) {
      unmatched("UNSUBACK", packetId, "an UNSUBSCRIBE in flight");
      return;
    }
    inFlight.remove(packetId);
    session.unsubscribed(unsubscribe);
    LoopStage.of(unsubscribe).succeed(unsubscribe);
  }

  private void unmatched(String type, int packetId, String expected) {
    wire.protocolError("the broker sent " + type + " for packet id " + packetId
        + ", which is not " + expected);
  }
}
