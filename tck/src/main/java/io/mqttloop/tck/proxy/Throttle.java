package io.mqttloop.tck.proxy;

/**
 * A forwarding rate. A throttled direction sends a slice of at most {@link #sliceBytes()} bytes,
 * then waits as long as that slice takes at this rate before the next one, so that bytes leave
 * in steps of about 1/20 s rather than in bursts as large as a read.
 */
record Throttle(int bytesPerSecond) {
  private static final int SLICES_PER_SECOND = 20;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  Throttle {
    if (bytesPerSecond <= 0) {
      throw new IllegalArgumentException(
          "bytesPerSecond must be more than 0, was " + bytesPerSecond);
    }
  }

  /** The largest slice sent at once. */
  int sliceBytes() {
    return Math.max(1, bytesPerSecond / SLICES_PER_SECOND);
  }

  /** How long {@code bytes} take at this rate, rounded up. */
  long nanosFor(int bytes) {
    return (bytes * NANOS_PER_SECOND + bytesPerSecond - 1) / bytesPerSecond;
  }
}
