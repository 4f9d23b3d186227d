package io.mqttloop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * An immutable snapshot of a session as the client holds it: whose session it is, the requests
 * sent to the broker and not yet acknowledged, with their packet ids, the requests taken from a
 * source but never sent, each list in the order the requests were taken, the subscriptions the
 * loop made, and the packet ids of incoming QoS 2 messages delivered and awaiting PUBREL.
 *
 * <p>A loop started from a state finishes its requests before it takes new ones: their stages,
 * still pending, complete then. The loop puts in a state only requests whose stage is pending.
 *
 * @param clientId the client id the session belongs to; empty when no connection named one
 * @param inFlight the requests sent and not yet acknowledged, in the order they were first sent
 * @param unsent the requests taken but never sent, in the order they were taken
 * @param subscriptions the subscriptions the broker granted, in the order they were made, as a
 *     loop restores them into a session the broker no longer holds
 * @param awaitingRelease the packet ids of incoming QoS 2 messages the application has, for which
 *     PUBREC went out and PUBREL has not come; a copy the broker sends again is not delivered again
 */
public record MqttState(String clientId, List<InFlight> inFlight, List<Request> unsent,
    List<Subscription> subscriptions, List<Integer> awaitingRelease) {

  /** The state of a new session: nothing in flight, nothing unsent, no subscription. */
  public static final MqttState EMPTY = new MqttState(List.of(), List.of());

  /**
   * A state from its parts, which are copied.
   *
   * @throws IllegalArgumentException when two entries in flight share a packet id, or a packet
   *     id awaiting release is outside 1..65535
   */
  public MqttState {
    Objects.requireNonNull(clientId, "clientId");
    inFlight = List.copyOf(inFlight);
    unsent = List.copyOf(unsent);
    subscriptions = List.copyOf(subscriptions);
    awaitingRelease = List.copyOf(awaitingRelease);
    for (int packetId : awaitingRelease) {
      if (packetId < 1 || packetId > InFlight.MAX_PACKET_ID) {
        throw new IllegalArgumentException("awaitingRelease must hold packet ids within"
            + " 1..65535, held " + packetId);
      }
    }
    BitSet ids = new BitSet(InFlight.MAX_PACKET_ID + 1);
    for (InFlight entry : inFlight) {
      if (ids.get(entry.packetId())) {
        throw new IllegalArgumentException("inFlight must not share a packet id, "
            + entry.packetId() + " appears twice");
      }
      ids.set(entry.packetId());
    }
  }

  /** A state of requests only: no client id, no subscription, nothing awaiting release. */
  public MqttState(List<InFlight> inFlight, List<Request> unsent) {
    this("", inFlight, unsent, List.of(), List.of());
  }

  /** Every pending request, those in flight first, in order. */
  public List<Request> requests() {
    List<Request> all = new ArrayList<>(inFlight.size() + unsent.size());
    inFlight.forEach(entry -> all.add(entry.request()));
    all.addAll(unsent);
    return List.copyOf(all);
  }

  /**
   * The client id, shortened when long, and how many entries each part holds: a state can hold
   * thousands of requests, which would make a log line of megabytes.
   */
  @Override
  public String toString() {
    return "MqttState[clientId=" + Utf8Field.shown(clientId) + ", " + inFlight.size()
        + " in flight, " + unsent.size() + " unsent, " + subscriptions.size()
        + " subscriptions, " + awaitingRelease.size() + " awaiting release]";
  }

  /** Whether nothing is pending. */
  public boolean isEmpty() {
    return inFlight.isEmpty() && unsent.isEmpty();
  }

  /**
   * Writes this state to {@code out} in mqttloop's binary form, from which
   * {@link #readFrom(InputStream)} makes it again, in this process or in one started later. The
   * form holds each request's content, never its stage; it starts with a magic number and a
   * format version, and ends with a CRC32 so that a damaged copy is detected.
   *
   * <p>The stream is flushed and left open, so a state can be one part of a larger stream.
   *
   * @throws IOException when {@code out} fails; what it received is then incomplete
   * @throws IllegalArgumentException naming the field when the client id holds a lone surrogate
   *     or encodes to more than 65,535 UTF-8 bytes, or when more than 65,535 packet ids await
   *     release; nothing is written then
   */
  public void writeTo(OutputStream out) throws IOException {
    StateCodec.write(this, out);
  }

  /**
   * Reads a state that {@link #writeTo(OutputStream)} wrote, by this version of mqttloop or an
   * earlier one. The requests it holds are new objects with new, pending stages, with the content,
   * order, packet ids and released flags that were written.
   *
   * <p>It reads exactly the state's bytes and leaves the stream open, so what follows the state
   * stays in the stream. It reads a few bytes at a time: hand it a buffered stream.
   *
   * @throws MqttStateFormatException when the bytes are not a state this version can read, with
   *     a message naming what is wrong and where: not a state at all, written by a newer version,
   *     cut short, damaged, or holding a value the API refuses
   * @throws IOException when {@code in} fails
   */
  public static MqttState readFrom(InputStream in) throws IOException {
    return StateCodec.read(in);
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
      } else if (released) {
        throw new IllegalArgumentException("released applies to a QoS 2 publish only: "
            + request);
      }
    }
  }
}
