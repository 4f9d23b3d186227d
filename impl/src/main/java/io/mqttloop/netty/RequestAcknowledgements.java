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

/**
 * The broker's answers to the client's own requests: each completes the stage of the request in
 * flight under its packet id and frees the id. An answer that matches no request in flight is a
 * protocol error. Confined to the loop.
 */
final class RequestAcknowledgements {
  private final InflightTable inFlight;
  private final Wire wire;

  RequestAcknowledgements(InflightTable inFlight, Wire wire) {
    this.inFlight = inFlight;
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

  /** SUBACK completes a subscribe with the QoS granted per filter, or fails it on a refusal. */
  void subAck(MqttSubAckMessage subAck) {
    int packetId = subAck.variableHeader().messageId();
    InflightTable.Entry entry = inFlight.get(packetId);
    List<Integer> codes = subAck.payload().reasonCodes();
    if (entry == null || !(entry.request instanceof Subscribe subscribe)
        || codes.size() != subscribe.subscriptions().size()) {
      unmatched("SUBACK", packetId, "a SUBSCRIBE in flight with as many filters");
      return;
    }
    inFlight.remove(packetId);
    List<@Nullable QoS> granted = new ArrayList<>(codes.size());
    for (int code : codes) {
      granted.add(code <= 2 ? QoS.of(code) : null);
    }
    if (granted.contains(null)) {
      LoopStage.of(subscribe).fail(new SubscriptionRefusedException(subscribe, granted));
    } else {
      LoopStage.of(subscribe).succeed(List.copyOf(granted));
    }
  }

  void unsubAck(int packetId) {
    InflightTable.Entry entry = inFlight.get(packetId);
    if (entry == null || !(entry.request instanceof Unsubscribe unsubscribe)) {
      unmatched("UNSUBACK", packetId, "an UNSUBSCRIBE in flight");
      return;
    }
    inFlight.remove(packetId);
    LoopStage.of(unsubscribe).succeed(unsubscribe);
  }

  private void unmatched(String type, int packetId, String expected) {
    wire.protocolError("the broker sent " + type + " for packet id " + packetId
        + ", which is not " + expected);
  }
}
