package io.mqttloop.tck.scripted;

import io.mqttloop.tck.signal.Changes;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Everything the broker saw, in arrival order: the connections it accepted and the packets that
 * came on them. Only the event loop appends; test threads read snapshots and wait, and each
 * append signals the waiters. Packets sit in a list guarded by its own lock rather than a
 * copy-on-write one, which would copy the whole list on each of a long run's packets.
 */
final class Recording {
  private final List<Connection> connections = new CopyOnWriteArrayList<>();
  private final List<ReceivedPacket> packets = new ArrayList<>();
  private final Changes changes;

  Recording(Changes changes) {
    this.changes = changes;
  }

  Connection open(Channel channel) {
    Connection connection = new Connection(connections.size(), channel);
    connections.add(connection);
    changes.signal();
    return connection;
  }

  void record(ReceivedPacket packet) {
    synchronized (packets) {
      packets.add(packet);
    }
    changes.signal();
  }

  List<ReceivedPacket> packets() {
    synchronized (packets) {
      return List.copyOf(packets);
    }
  }

  int connectionCount() {
    return connections.size();
  }

  /**
   * The connection accepted last, open or not.
   *
   * @throws AssertionError when no client has connected yet
   */
  Connection latestConnection() {
    List<Connection> snapshot = List.copyOf(connections);
    if (snapshot.isEmpty()) {
      throw new AssertionError("no client has connected to the scripted broker");
    }
    return snapshot.get(snapshot.size() - 1);
  }

  /**
   * The connection with this index.
   *
   * @throws AssertionError when the broker has accepted no such connection
   */
  Connection connection(int index) {
    List<Connection> snapshot = List.copyOf(connections);
    if (index < 0 || index >= snapshot.size()) {
      throw new AssertionError("the scripted broker has no connection " + index
          + "; it accepted " + snapshot.size());
    }
    return snapshot.get(index);
  }

  /**
   * Waits for the first {@code count} packets that match, in arrival order.
   *
   * @throws AssertionError when fewer arrive within the timeout, listing what did arrive
   */
  List<ReceivedPacket> awaitPackets(
      int count, Predicate<? super ReceivedPacket> matching, Duration timeout, String expected) {
    return changes.await(() -> firstMatches(count, matching), timeout)
        .orElseThrow(() -> new AssertionError(
            "expected " + expected + " within " + timeout + ", but " + describe()));
  }

  /**
   * Waits until the client closes the connection.
   *
   * @throws AssertionError when it is still open after the timeout, or the broker closed it
   */
  void awaitClientClosed(Connection connection, Duration timeout) {
    changes.await(() -> Optional.of(connection).filter(Connection::isClosed), timeout)
        .orElseThrow(() -> new AssertionError("expected the client to close connection "
            + connection.index() + " within " + timeout + ", but it is still open; "
            + describe()));
    if (connection.closedByBroker()) {
      throw new AssertionError("connection " + connection.index()
          + " was closed by the broker (cut, refused or malformed input), not by the client");
    }
  }

  /** What the broker received, one packet a line, for failure messages. */
  String describe() {
    List<ReceivedPacket> snapshot = packets();
    return "the broker received " + snapshot.size() + " packets on " + connections.size()
        + " connections" + snapshot.stream()
            .map(packet -> "\n  " + packet)
            .collect(Collectors.joining());
  }

  private Optional<List<ReceivedPacket>> firstMatches(
      int count, Predicate<? super ReceivedPacket> matching) {
    List<ReceivedPacket> matches = packets().stream().filter(matching).limit(count).toList();
    return matches.size() == count ? Optional.of(matches) : Optional.empty();
  }
}
