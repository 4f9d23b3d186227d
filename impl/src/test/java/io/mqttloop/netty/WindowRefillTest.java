package io.mqttloop.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A nearly full window waits for a quarter of it to be free, and never more than 1 ms. */
class WindowRefillTest {
  private final EmbeddedChannel channel = new EmbeddedChannel();
  private final AtomicInteger pumps = new AtomicInteger();
  private final WindowRefill refill =
      new WindowRefill(100, channel::eventLoop, pumps::incrementAndGet);

  @AfterEach
  void close() {
    channel.finishAndReleaseAll();
  }

  @Test
  void anEmptyWindowOrOneAQuarterFreeTakesRequestsAtOnce() {
    assertFalse(refill.waits(0));
    assertFalse(refill.waits(75));
    assertFalse(refill.waits(1));
  }

  @Test
  void aWindowWithLessThanAQuarterFreeWaits() {
    assertTrue(refill.waits(76));
    assertTrue(refill.waits(99));
    assertTrue(refill.waits(100));
    assertEquals(0, pumps.get());
  }

  @Test
  void aWaitEndsAfterAMillisecondWithWhateverRoomThereIs() {
    assertTrue(refill.waits(99));

    channel.advanceTimeBy(WindowRefill.MAX_WAIT_NANOS, TimeUnit.NANOSECONDS);
    channel.runScheduledPendingTasks();

    assertEquals(1, pumps.get(), "the loop is woken to send");
    assertFalse(refill.waits(99), "the room there is is filled");
    assertTrue(refill.waits(99), "the next wait is timed again");
  }

  @Test
  void waitsInARowShareOneTimer() {
    for (int i = 0; i < 10; i++) {
      assertTrue(refill.waits(90));
    }

    channel.advanceTimeBy(WindowRefill.MAX_WAIT_NANOS, TimeUnit.NANOSECONDS);
    channel.runScheduledPendingTasks();

    assertEquals(1, pumps.get());
  }
}
