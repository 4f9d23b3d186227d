package io.mqttloop.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mqttloop.Publish;
import io.mqttloop.QoS;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InflightTableTest {
  private final Publish publish = Publish.of("t", new byte[0], QoS.AT_LEAST_ONCE);

  @Test
  void idsAreHandedOutInTurnAndWrapFrom65535ToOne() {
    InflightTable table = new InflightTable(4);
    List<Integer> ids = new ArrayList<>();

    for (int i = 0; i < 65_537; i++) {
      InflightTable.Entry entry = table.add(publish);
      ids.add(entry.packetId);
      table.remove(entry.packetId);
    }

    assertEquals(1, ids.get(0));
    assertEquals(65_535, ids.get(65_534));
    assertEquals(1, ids.get(65_535), "after 65535 comes 1, never 0");
  }

  @Test
  void anIdWhoseSlotIsTakenIsSkipped() {
    InflightTable table = new InflightTable(16);
    InflightTable.Entry slow = table.add(publish);
    for (int i = 0; i < 15; i++) {
      table.remove(table.add(publish).packetId);
    }

    InflightTable.Entry next = table.add(publish);

    assertNotEquals(slow.packetId, next.packetId);
    assertNotEquals(slow.packetId & 15, next.packetId & 15, "slot of the slow one skipped");
    assertSame(slow, table.get(slow.packetId));
  }

  @Test
  void aFullTableGrowsInsteadOfRefusing() {
    InflightTable table = new InflightTable(16);
    List<InflightTable.Entry> entries = new ArrayList<>();

    for (int i = 0; i < 100; i++) {
      entries.add(table.add(publish));
    }

    assertEquals(100, table.size());
    for (InflightTable.Entry entry : entries) {
      assertSame(entry, table.get(entry.packetId));
    }
    assertEquals(entries, table.inOrder());
  }

  @Test
  void restoredIdsThatShareASlotGrowTheTable() {
    InflightTable table = new InflightTable(16);

    InflightTable.Entry first = table.restore(3, publish, false);
    InflightTable.Entry second = table.restore(3 + 16, publish, false);

    assertSame(first, table.get(3));
    assertSame(second, table.get(19));
    assertNull(table.get(35));
    assertThrows(IllegalStateException.class, () -> table.restore(3, publish, false));
  }

  @Test
  void removingKeepsTheOrderOfTheRest() {
    InflightTable table = new InflightTable(16);
    InflightTable.Entry a = table.add(publish);
    InflightTable.Entry b = table.add(publish);
    InflightTable.Entry c = table.add(publish);

    assertSame(b, table.remove(b.packetId));

    assertEquals(List.of(a, c), table.inOrder());
    assertNull(table.remove(b.packetId));
  }
}
