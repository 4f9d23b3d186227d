package io.mqttloop.tck.scripted;

import io.mqttloop.tck.signal.Changes;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The acks the broker holds back in hold mode, in the order their requests (publishes, PUBRELs,
 * SUBSCRIBEs, UNSUBSCRIBEs) arrived. The event loop adds and drops; test threads release. A
 * private lock guards the queue, and the released acks are written outside it so that a slow
 * write never blocks the event loop.
 */
final class HeldAcks {
  private final Object lock = new Object();
  private final Deque<HeldAck> held = new ArrayDeque<>();
  private final Changes changes;

  HeldAcks(Changes changes) {
    this.changes = changes;
  }

  void hold(Connection connection, MqttMessage ack) {
    int packetId = ((MqttMessageIdVariableHeader) ack.variableHeader()).messageId();
    hold(new HeldAck(connection, packetId, ack, PacketDescription.of(ack)));
  }

  /** Holds an ack made as bytes, which the encoder would refuse to make, such as a SUBACK. */
  void hold(Connection connection, int packetId, byte[] ack, String description) {
    hold(new HeldAck(connection, packetId, ack, description));
  }

  private void hold(HeldAck ack) {
    synchronized (lock) {
      held.add(ack);
    }
    changes.signal();
  }

  int count() {
    synchronized (lock) {
      return held.size();
    }
  }

  /**
   * Sends the {@code count} oldest held acks, oldest first.
   *
   * @throws AssertionError when fewer than {@code count} are held
   */
  void releaseOldest(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be 0 or more, was " + count);
    }
    List<HeldAck> released = new ArrayList<>();
    synchronized (lock) {
      if (held.size() < count) {
        throw new AssertionError(
            "asked to release " + count + " acks but the broker holds " + describeLocked());
      }
      for (int i = 0; i < count; i++) {
        released.add(held.removeFirst());
      }
    }
    sendAll(released);
  }

  /** Sends every held ack, oldest first, and says how many that was. */
  int releaseAll() {
    List<HeldAck> released;
    synchronized (lock) {
      released = new ArrayList<>(held);
      held.clear();
    }
    sendAll(released);
    return released.size();
  }

  /**
   * Sends the oldest held ack for {@code packetId}.
   *
   * @throws AssertionError when no ack for that id is held
   */
  void release(int packetId) {
    HeldAck released;
    synchronized (lock) {
      released = removeOldest(packetId).orElseThrow(() -> new AssertionError(
          "no ack for packet id " + packetId + " is held; the broker holds " + describeLocked()));
    }
    released.send();
  }

  /** Forgets the acks of a closed connection: the client will resend what it still needs. */
  void dropFor(Connection connection) {
    synchronized (lock) {
      held.removeIf(ack -> ack.connection() == connection);
    }
    changes.signal();
  }

  String describe() {
    synchronized (lock) {
      return describeLocked();
    }
  }

  private Optional<HeldAck> removeOldest(int packetId) {
    Iterator<HeldAck> acks = held.iterator();
    while (acks.hasNext()) {
      HeldAck ack = acks.next();
      if (ack.packetId() == packetId) {
        acks.remove();
        return Optional.of(ack);
      }
    }
    return Optional.empty();
  }

  private String describeLocked() {
    return held.size() + " acks " + held;
  }

  private static void sendAll(List<HeldAck> released) {
    for (HeldAck ack : released) {
      ack.send();
    }
  }

  /**
   * An ack waiting for release, with the connection it must go back on.
   *
   * @param ack an {@link MqttMessage}, or a {@code byte[]} to send as it is
   */
  private record HeldAck(Connection connection, int packetId, Object ack, String description) {

    void send() {
      connection.send(ack instanceof byte[] bytes ? Unpooled.wrappedBuffer(bytes) : ack);
    }

    @Override
    public String toString() {
      return description + " on connection " + connection.index();
    }
  }
}
