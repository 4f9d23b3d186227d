package io.mqttloop.netty;

import io.mqttloop.QoS;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The acknowledgements the client owes the broker for incoming QoS 1 and 2 messages. Each goes
 * out only once the application has the message (or acknowledged it, in manual mode), and in the
 * order the messages arrived, per QoS (MQTT-4.6.0-2, -3). Also the QoS 2 packet ids awaiting
 * PUBREL, so that a message the broker sends again before it is delivered once only (4.3.3-2).
 * Confined to the loop.
 */
final class IncomingAcks {

  /** Writes an acknowledgement for a packet id. */
  interface Sender {
    void send(int packetId);
  }

  /** One incoming message owed an acknowledgement. */
  static final class Owed {
    final int packetId;
    final QoS qos;
    boolean ready;

    Owed(int packetId, QoS qos) {
      this.packetId = packetId;
      this.qos = qos;
    }
  }

  private final ArrayDeque<Owed> pubacks = new ArrayDeque<>();
  private final ArrayDeque<Owed> pubrecs = new ArrayDeque<>();
  private final Map<Integer, Boolean> qos2AwaitingRelease = new LinkedHashMap<>();

  /**
   * Notes a QoS 2 message's arrival; returns false when its packet id already awaits PUBREL, so
   * that it is a copy the broker sent again and must not be delivered twice.
   */
  boolean firstQos2Arrival(int packetId) {
    return qos2AwaitingRelease.putIfAbsent(packetId, Boolean.FALSE) == null;
  }

  /** Whether PUBREC for this QoS 2 packet id has gone out already. */
  boolean pubrecSent(int packetId) {
    return Boolean.TRUE.equals(qos2AwaitingRelease.get(packetId));
  }

  /** Whether the broker may release this QoS 2 packet id: PUBREC went out, PUBREL is due. */
  boolean awaitsRelease(int packetId) {
    return qos2AwaitingRelease.containsKey(packetId);
  }

  /** PUBREL arrived for {@code packetId}: the id is free for a new message. */
  void released(int packetId) {
    qos2AwaitingRelease.remove(packetId);
  }

  /** Records that {@code packetId} is owed an acknowledgement at {@code qos}, in arrival order. */
  Owed owe(int packetId, QoS qos) {
    Owed owed = new Owed(packetId, qos);
    queueOf(qos).addLast(owed);
    return owed;
  }

  /**
   * The application has the message {@code owed} stands for: sends every acknowledgement now due,
   * in arrival order.
   */
  void ready(Owed owed, Sender pubackSender, Sender pubrecSender) {
    owed.ready = true;
    ArrayDeque<Owed> queue = queueOf(owed.qos);
    Sender sender = owed.qos == QoS.AT_LEAST_ONCE ? pubackSender : pubrecSender;
    while (!queue.isEmpty() && queue.peekFirst().ready) {
      int packetId = queue.pollFirst().packetId;
      if (owed.qos == QoS.EXACTLY_ONCE) {
        qos2AwaitingRelease.put(packetId, Boolean.TRUE);
      }
      sender.send(packetId);
    }
  }

  /** The connection is gone: nothing owed on it can be sent any more. */
  void clear() {
    pubacks.clear();
    pubrecs.clear();
    qos2AwaitingRelease.values().removeIf(pubrecSent -> !pubrecSent);
  }

  /** The QoS 2 packet ids whose PUBREC went out and whose PUBREL has not come, for a state. */
  List<Integer> awaitingRelease() {
    List<Integer> ids = new ArrayList<>();
    qos2AwaitingRelease.forEach((packetId, pubrecSent) -> {
      if (pubrecSent) {
        ids.add(packetId);
      }
    });
    return ids;
  }

  /** Takes on the QoS 2 packet ids a resumed state says await PUBREL. */
  void awaitRelease(List<Integer> packetIds) {
    packetIds.forEach(packetId -> qos2AwaitingRelease.put(packetId, Boolean.TRUE));
  }

  /** The broker holds no session: no PUBREL will come for what awaited one. */
  void forgetReleases() {
    qos2AwaitingRelease.clear();
  }

  private ArrayDeque<Owed> queueOf(QoS qos) {
    return qos == QoS.AT_LEAST_ONCE ? pubacks : pubrecs;
  }
}
