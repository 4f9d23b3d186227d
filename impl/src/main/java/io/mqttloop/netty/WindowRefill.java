package io.mqttloop.netty;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * When a nearly full inflight window takes new requests: once a quarter of it is free, not at
 * every acknowledgement. Refilled one request per acknowledgement, a window goes out as many small
 * writes, each a TCP segment that costs both ends a system call and the network stack its work;
 * refilled a quarter at a time, it goes out in few large writes while three quarters of the
 * window keep the broker busy. An empty window, or one with a quarter free, takes requests at
 * once, so that a lone request never waits. Nor does one wait long: a millisecond after requests
 * first wait, the room there is is filled, so that a broker slow to acknowledge some requests
 * never stops the others.
 *
 * <p>That millisecond also bounds what a broker with Nagle's algorithm on (mosquitto's default)
 * costs: it holds its next acknowledgements until the client's TCP acknowledges the last, which
 * the client's kernel delays while the client sends nothing. Asking the kernel to acknowledge at
 * once instead ({@code TCP_QUICKACK}) was measured: it keeps the broker's acknowledgements
 * flowing, but the extra segments cost the client three times the CPU a message.
 * Confined to the loop's thread.
 */
final class WindowRefill {
  /** How long requests wait at most for a quarter of the window to be free. */
  static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final int window;
  private final int step;
  private final Supplier<? extends ScheduledExecutorService> eventLoop;
  private final Runnable pump;
  private boolean waitEnding;
  private boolean waitTimed;

  /** The policy for a window of {@code window}; {@code pump} sends once a wait is over. */
  WindowRefill(int window, Supplier<? extends ScheduledExecutorService> eventLoop,
      Runnable pump) {
    this.window = window;
    this.step = Math.max(1, window / 4);
    this.eventLoop = eventLoop;
    this.pump = pump;
  }

  /** Whether new requests wait for more room, with {@code inFlight} requests in the window. */
  boolean waits(int inFlight) {
    if (inFlight == 0 || window - inFlight >= step || waitEnding) {
      waitEnding = false;
      return false;
    }
    if (!waitTimed) {
      waitTimed = true;
      eventLoop.get().schedule(this::endWait, MAX_WAIT_NANOS, TimeUnit.NANOSECONDS);
    }
    return true;
  }

  private void endWait() {
    waitTimed = false;
    waitEnding = true;
    pump.run();
  }
}
