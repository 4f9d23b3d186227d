package io.mqttloop.netty;

import io.mqttloop.MqttState;
import io.mqttloop.Request;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The requests sent and not yet acknowledged, by packet id, in the order they were first sent.
 * Lookup, insertion and removal are O(1); ids are handed out in turn from 1 to 65,535, skipping
 * those in use, so that no two packets in flight share one (MQTT-2.3.1-2). Confined to the loop.
 */
final class InflightTable {
  private final Entry[] byId = new Entry[MqttState.InFlight.MAX_PACKET_ID + 1];
  private @Nullable Entry oldest;
  private @Nullable Entry newest;
  private int size;
  private int lastId;

  /** A request in flight: its packet id, and for QoS 2 whether PUBREL was sent. */
  static final class Entry {
    final int packetId;
    final Request request;
    boolean released;
    @Nullable Entry older;
    @Nullable Entry newer;

    Entry(int packetId, Request request, boolean released) {
      this.packetId = packetId;
      this.request = request;
      this.released = released;
    }
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
    if (byId[packetId] != null) {
      throw new IllegalStateException("packet id " + packetId + " is already in flight");
    }
    Entry entry = new Entry(packetId, request, released);
    byId[packetId] = entry;
    append(entry);
    size++;
    return entry;
  }

  @Nullable Entry get(int packetId) {
    return packetId > 0 && packetId < byId.length ? byId[packetId] : null;
  }

  /** Removes the entry of {@code packetId}, freeing the id; returns it, or null if none. */
  @Nullable Entry remove(int packetId) {
    Entry entry = get(packetId);
    if (entry == null) {
      return null;
    }
    byId[packetId] = null;
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

  private int nextFreeId() {
    if (size == MqttState.InFlight.MAX_PACKET_ID) {
      throw new IllegalStateException("all 65535 packet ids are in flight");
    }
    int id = lastId;
    do {
      id = id == MqttState.InFlight.MAX_PACKET_ID ? 1 : id + 1;
    } while (byId[id] != null);
    lastId = id;
    return id;
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
