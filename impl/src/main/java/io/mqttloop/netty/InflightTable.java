package io.mqttloop.netty;

import io.mqttloop.MqttState;
import io.mqttloop.Request;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The requests sent and not yet acknowledged, by packet id, in the order they were first sent.
 * Confined to the loop.
 *
 * <p>Ids are handed out in turn from 1 to 65,535, skipping any whose slot is taken, so that no
 * two packets in flight share one (MQTT-2.3.1-2). An entry sits in the slot {@code id & mask} of
 * a table sized to the window rather than to all 65,535 ids, which keeps an idle loop small;
 * lookup, insertion and removal are O(1). Restored ids whose slots collide grow the table.
 */
final class InflightTable {
  private static final int MIN_CAPACITY = 16;
  private static final int MAX_CAPACITY = MqttState.InFlight.MAX_PACKET_ID + 1;

  private @Nullable Entry[] slots;
  private @Nullable Entry oldest;
  private @Nullable Entry newest;
  private int size;
  private int lastId;

  /**
   * A request in flight: its packet id, for QoS 2 whether PUBREL was sent, and whether the loop
   * sent it of its own accord (a subscription restored), which no state lists.
   */
  static final class Entry {
    final int packetId;
    final Request request;
    boolean released;
    boolean internal;
    @Nullable Entry older;
    @Nullable Entry newer;

    Entry(int packetId, Request request, boolean released) {
      this.packetId = packetId;
      this.request = request;
      this.released = released;
    }
  }

  /** A table with room for {@code window} entries before it grows. */
  InflightTable(int window) {
    slots = new Entry[capacityFor(window)];
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /**
   * Adds {@code request} under the next free packet id.
   *
   * @throws IllegalStateException when all 65,535 ids are in use
   */
  Entry add(Request request) {
    return restore(nextFreeId(), request, false);
  }

  /** Adds {@code request} under the id it already had, as a resumed state holds it. */
  Entry restore(int packetId, Request request, boolean released) {
    if (get(packetId) != null) {
      throw new IllegalStateException("packet id " + packetId + " is already in flight");
    }
    while (size == slots.length || slots[slotOf(packetId)] != null) {
      grow();
    }
    Entry entry = new Entry(packetId, request, released);
    slots[slotOf(packetId)] = entry;
    append(entry);
    size++;
    return entry;
  }

  @Nullable Entry get(int packetId) {
    Entry entry = slots[slotOf(packetId)];
    return entry != null && entry.packetId == packetId ? entry : null;
  }

  /** Removes the entry of {@code packetId}, freeing the id; returns it, or null if none. */
  @Nullable Entry remove(int packetId) {
    Entry entry = get(packetId);
    if (entry == null) {
      return null;
    }
    slots[slotOf(packetId)] = null;
    unlink(entry);
    size--;
    return entry;
  }

  /** The entries in the order they were first sent. */
  List<Entry> inOrder() {
    List<Entry> entries = new ArrayList<>(size);
    for (Entry entry = oldest; entry != null; entry = entry.newer) {
      entries.add(entry);
    }
    return entries;
  }

  /** The next id after the last one handed out whose slot is free; growing when all are full. */
  private int nextFreeId() {
    if (size == MqttState.InFlight.MAX_PACKET_ID) {
      throw new IllegalStateException("all 65535 packet ids are in flight");
    }
    if (size == slots.length) {
      grow();
    }
    int id = lastId;
    do {
      id = id == MqttState.InFlight.MAX_PACKET_ID ? 1 : id + 1;
    } while (slots[slotOf(id)] != null);
    lastId = id;
    return id;
  }

  private int slotOf(int packetId) {
    return packetId & (slots.length - 1);
  }

  private void grow() {
    if (slots.length == MAX_CAPACITY) {
      throw new IllegalStateException("the in-flight table cannot grow past 65536 slots");
    }
    slots = new Entry[slots.length * 2];
    for (Entry entry = oldest; entry != null; entry = entry.newer) {
      slots[slotOf(entry.packetId)] = entry;
    }
  }

  private static int capacityFor(int window) {
    int capacity = MIN_CAPACITY;
    while (capacity < window && capacity < MAX_CAPACITY) {
      capacity *= 2;
    }
    return capacity;
  }

  private void append(Entry entry) {
    entry.older = newest;
    if (newest == null) {
      oldest = entry;
    } else {
      newest.newer = entry;
    }
    newest = entry;
  }

  private void unlink(Entry entry) {
    if (entry.older == null) {
      oldest = entry.newer;
    } else {
      entry.older.newer = entry.newer;
    }
    if (entry.newer == null) {
      newest = entry.older;
    } else {
      entry.newer.older = entry.older;
    }
    entry.older = null;
    entry.newer = null;
  }
}
