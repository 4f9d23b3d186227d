package io.mqttloop.tck.proxy;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The faults in force and the target new connections go to. A test's thread sets them; the
 * event loop reads them afresh at each step, so a change applies to the next chunk forwarded
 * and the next connection accepted.
 */
final class Faults {
  private volatile InetSocketAddress target;
  private volatile boolean stalled;
  private volatile long delayNanos;
  private volatile @Nullable Throttle throttle;
  private volatile boolean refusing;

  Faults(InetSocketAddress target) {
    this.target = target;
  }

  InetSocketAddress target() {
    return target;
  }

  void target(InetSocketAddress target) {
    this.target = target;
  }

  boolean stalled() {
    return stalled;
  }

  void stalled(boolean stalled) {
    this.stalled = stalled;
  }

  long delayNanos() {
    return delayNanos;
  }

  void delay(Duration delay) {
    this.delayNanos = delay.toNanos();
  }

  @Nullable Throttle throttle() {
    return throttle;
  }

  void throttle(@Nullable Throttle throttle) {
    this.throttle = throttle;
  }

  boolean refusing() {
    return refusing;
  }

  void refusing(boolean refusing) {
    this.refusing = refusing;
  }

  /** The faults in force, for failure messages. */
  String describe() {
    Throttle rate = throttle;
    return "target " + target.getHostString() + ":" + target.getPort()
        + (stalled ? ", stalled" : "")
        + (delayNanos > 0 ? ", delay " + Duration.ofNanos(delayNanos) : "")
        + (rate != null ? ", throttle " + rate.bytesPerSecond() + " B/s" : "")
        + (refusing ? ", refusing" : "");
  }
}
