package io.mqttloop.tck.proxy;

import io.mqttloop.tck.signal.Changes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Every connection the proxy has accepted, in order: the live links, and the refused
 * connections as fixed snapshots. The event loop adds to it and acts on the links; any thread
 * may read snapshots and wait for them to change.
 */
final class Links {
  private final List<Supplier<ProxiedConnection>> all = new CopyOnWriteArrayList<>();
  private final List<Link> live = new ArrayList<>();
  private final Changes changes = new Changes("the fault proxy");

  /** The index the next connection gets. Event loop only. */
  int nextIndex() {
    return all.size();
  }

  /** Adds a link, whose index is {@link #nextIndex()}. Event loop only. */
  void add(Link link) {
    live.add(link);
    all.add(link::snapshot);
    changes.signal();
  }

  /** Records a connection refused at once, whose index is {@link #nextIndex()}. */
  void addRefused() {
    ProxiedConnection refused = new ProxiedConnection(nextIndex(), true,
        SocketState.CLOSED_BY_PROXY, SocketState.NOT_CONNECTED, 0, 0);
    all.add(() -> refused);
    changes.signal();
  }

  /** The links that are still open, in the order they were accepted. Event loop only. */
  List<Link> open() {
    live.removeIf(link -> !link.isOpen());
    return List.copyOf(live);
  }

  /** Wakes the threads waiting in {@link #await}. Any thread. */
  void signal() {
    changes.signal();
  }

  int count() {
    return all.size();
  }

  ProxiedConnection get(int index) {
    return all.get(index).get();
  }

  List<ProxiedConnection> snapshots() {
    return all.stream().map(Supplier::get).toList();
  }

  /**
   * Waits until {@code probe} finds something in the connections, asking again after each
   * change.
   */
  <T> Optional<T> await(Function<Links, Optional<T>> probe, Duration timeout) {
    return changes.await(() -> probe.apply(this), timeout);
  }
}
