package io.mqttloop.netty;

import io.mqttloop.MqttState;
import io.mqttloop.Request;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The session as the client holds it: the requests in flight by packet id, and the requests
 * taken from a source but not yet sent, in order. Confined to the loop.
 */
final class Session {
  private final InflightTable inFlight;
  private final ArrayDeque<Request> unsent = new ArrayDeque<>();

  private Session(int window) {
    inFlight = new InflightTable(window);
  }

  /** A session holding what {@code state} holds, sized for {@code window} requests in flight. */
  static Session resume(MqttState state, int window) {
    Session session = new Session(Math.max(window, state.inFlight().size()));
    for (MqttState.InFlight entry : state.inFlight()) {
      session.inFlight.restore(entry.packetId(), entry.request(), entry.released());
    }
    session.unsent.addAll(state.unsent());
    return session;
  }

  InflightTable inFlight() {
    return inFlight;
  }

  void enqueue(Request request) {
    unsent.addLast(request);
  }

  /** Puts {@code requests} before every unsent one, in their order. */
  void requeueFirst(List<Request> requests) {
    for (int i = requests.size() - 1; i >= 0; i--) {
      unsent.addFirst(requests.get(i));
    }
  }

  @Nullable Request nextUnsent() {
    return unsent.peekFirst();
  }

  void dropNextUnsent() {
    unsent.pollFirst();
  }

  int unsentCount() {
    return unsent.size();
  }

  boolean isIdle() {
    return inFlight.isEmpty() && unsent.isEmpty();
  }

  MqttState snapshot() {
    List<MqttState.InFlight> entries = new ArrayList<>(inFlight.size());
    for (InflightTable.Entry entry : inFlight.inOrder()) {
      entries.add(new MqttState.InFlight(entry.packetId, entry.request, entry.released));
    }
    return new MqttState(entries, List.copyOf(unsent));
  }
}
