package io.mqttloop.netty;

/**
 * Paces publishes evenly at a rate set by {@link io.mqttloop.Command.Throttle}: one every
 * interval, with no burst saved up while idle, and a publish sent late by up to an interval (a
 * timer's lateness) not pushing the ones after it later, so the rate does not drift.
 * Unlimited until a rate is set. Times are nanoseconds of the event loop's ticker; confined to
 * the loop.
 */
final class Pacer {
  private long intervalNanos;
  private long nextNanos;

  /** Sets the rate from {@code now} on; infinity lifts it. */
  void rate(double perSecond, long now) {
    intervalNanos = perSecond == Double.POSITIVE_INFINITY
        ? 0
        : Math.max(1, Math.round(1_000_000_000 / perSecond));
    nextNanos = now;
  }

  /** How long the next publish must wait from {@code now}: 0 when it may go now. */
  long waitNanos(long now) {
    return intervalNanos == 0 ? 0 : Math.max(0, nextNanos - now);
  }

  /** A publish went at {@code now}. */
  void sent(long now) {
    if (intervalNanos > 0) {
      boolean idle = now - nextNanos > intervalNanos;
      nextNanos = (idle ? now : nextNanos) + intervalNanos;
    }
  }

  /** Whether a rate is set. */
  boolean limited() {
    return intervalNanos > 0;
  }
}
