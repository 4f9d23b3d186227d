package io.mqttloop;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * An immutable snapshot of a session as the client holds it: the requests sent to the broker and
 * not yet acknowledged, with their packet ids, then the requests taken from a source but never
 * sent, each list in the order the requests were taken.
 *
 * <p>A loop started from a state finishes its requests before it takes new ones: their stages,
 * still pending, complete then. Nothing in a state has completed, nor failed.
 *
 * @param inFlight the requests sent and not yet acknowledged, in the order they were first sent
 * @param unsent the requests taken but never sent, in the order they were taken
 */
public record MqttState(List<InFlight> inFlight, List<Request> unsent) {

  /** The state of a new session: nothing in flight, nothing unsent. */
  public static final MqttState EMPTY = new MqttState(List.of(), List.of());

  /**
   * A state from its two lists, which are copied.
   *
   * @throws IllegalArgumentException when two entries in flight share a packet id
   */
  public MqttState {
    inFlight = List.copyOf(inFlight);
    unsent = List.copyOf(unsent);
    BitSet ids = new BitSet(InFlight.MAX_PACKET_ID + 1);
    for (InFlight entry : inFlight) {
      if (ids.get(entry.packetId())) {
        throw new IllegalArgumentException("inFlight must not share a packet id, "
            + entry.packetId() + " appears twice");
      }
      ids.set(entry.packetId());
    }
  }

  /** Every pending request, those in flight first, in order. */
  public List<Request> requests() {
    List<Request> all = new ArrayList<>(inFlight.size() + unsent.size());
    inFlight.forEach(entry -> all.add(entry.request()));
    all.addAll(unsent);
    return List.copyOf(all);
  }

  /** Whether nothing is pending. */
  public boolean isEmpty() {
    return inFlight.isEmpty() && unsent.isEmpty();
  }

  /**
   * A request sent to the broker and not yet acknowledged.
   *
   * @param packetId the packet id it was sent with, from 1 to 65,535, kept when it is resent
   * @param request the request
   * @param released for a QoS 2 publish, whether the broker's PUBREC arrived and PUBREL was
   *     sent, so that only the PUBREL is resent
   */
  public record InFlight(int packetId, Request request, boolean released) {
    /** The largest packet id MQTT allows. */
    public static final int MAX_PACKET_ID = 65_535;

    /**
     * An entry in flight.
     *
     * @throws IllegalArgumentException when the packet id is outside 1..65535, when the request
     *     cannot be in flight (a QoS 0 publish), or when a request other than a QoS 2 publish is
     *     marked released
     */
    public InFlight {
      Objects.requireNonNull(request, "request");
      if (packetId < 1 || packetId > MAX_PACKET_ID) {
        throw new IllegalArgumentException("packetId must be within 1..65535, was " + packetId);
      }
      if (request instanceof Publish publish) {
        if (publish.qos() == QoS.AT_MOST_ONCE) {
          throw new IllegalArgumentException("request must not be a QoS 0 publish: " + publish);
        }
        if (released && publish.qos() != QoS.EXACTLY_ONCE) {
          throw new IllegalArgumentException("released applies to QoS 2 only: " + publish);
        }
      }
    }
  }
}
