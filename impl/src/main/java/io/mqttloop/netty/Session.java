package io.mqttloop.netty;

import io.mqttloop.MqttState;
import io.mqttloop.QoS;
import io.mqttloop.Request;
import io.mqttloop.Subscribe;
import io.mqttloop.Subscription;
import io.mqttloop.Unsubscribe;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The session as the client holds it: the requests in flight by packet id, the requests taken
 * from a source but not yet sent, in order, and the subscriptions the broker granted, to restore
 * into a session the broker no longer holds. Confined to the loop.
 */
final class Session {
  private final InflightTable inFlight;
  private final ArrayDeque<Request> unsent = new ArrayDeque<>();
  private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();

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
    state.subscriptions().forEach(s -> session.subscriptions.put(s.filter(), s));
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

  /** Takes {@code request} out of the unsent ones; false when it is not among them. */
  boolean withdrawUnsent(Request request) {
    return unsent.removeFirstOccurrence(request);
  }

  int unsentCount() {
    return unsent.size();
  }

  boolean isIdle() {
    return inFlight.isEmpty() && unsent.isEmpty();
  }

  /** The broker granted {@code subscribe}: its filters are held, at the QoS asked for. */
  void subscribed(Subscribe subscribe, List<@Nullable QoS> granted) {
    for (int i = 0; i < granted.size(); i++) {
      Subscription subscription = subscribe.subscriptions().get(i);
      if (granted.get(i) == null) {
        subscriptions.remove(subscription.filter());
      } else {
        subscriptions.put(subscription.filter(), subscription);
      }
    }
  }

  void unsubscribed(Unsubscribe unsubscribe) {
    unsubscribe.filters().forEach(subscriptions::remove);
  }

  /** One subscribe restoring every subscription held, or null when none is. */
  @Nullable Subscribe restoringSubscribe() {
    return subscriptions.isEmpty() ? null : Subscribe.to(List.copyOf(subscriptions.values()));
  }

  /** The state of this session, for {@code clientId}, with the incoming QoS 2 ids given. */
  MqttState snapshot(String clientId, List<Integer> awaitingRelease) {
    List<MqttState.InFlight> entries = new ArrayList<>(inFlight.size());
    for (InflightTable.Entry entry : inFlight.inOrder()) {
      if (!entry.internal) {
        entries.add(new MqttState.InFlight(entry.packetId, entry.request, entry.released));
      }
    }
    return new MqttState(clientId, entries, List.copyOf(unsent),
        List.copyOf(subscriptions.values()), awaitingRelease);
  }
}
