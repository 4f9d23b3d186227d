package io.mqttloop.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** The pacer's arithmetic, on a clock the test moves: even gaps, no drift, no saved-up burst. */
class PacerTest {
  private static final long MS = 1_000_000;

  private final Pacer pacer = new Pacer();

  @Test
  void unlimitedUntilARateIsSet() {
    assertFalse(pacer.limited());
    assertEquals(0, pacer.waitNanos(0));
  }

  @Test
  void publishesAreSpacedByTheInterval() {
    pacer.rate(100, 0);

    pacer.sent(0);

    assertEquals(10 * MS, pacer.waitNanos(0));
    assertEquals(4 * MS, pacer.waitNanos(6 * MS));
    assertEquals(0, pacer.waitNanos(10 * MS));
  }

  @Test
  void aLateSendDoesNotPushTheNextOnesLater() {
    pacer.rate(100, 0);
    pacer.sent(0);

    pacer.sent(13 * MS);

    assertEquals(20 * MS, 13 * MS + pacer.waitNanos(13 * MS));
  }

  @Test
  void anIdleSpellSavesNoBurst() {
    pacer.rate(100, 0);
    pacer.sent(0);

    pacer.sent(500 * MS);

    assertEquals(10 * MS, pacer.waitNanos(500 * MS));
  }

  @Test
  void infinityLiftsTheRate() {
    pacer.rate(100, 0);
    pacer.sent(0);

    pacer.rate(Double.POSITIVE_INFINITY, 1);

    assertFalse(pacer.limited());
    assertEquals(0, pacer.waitNanos(1));
  }
}
