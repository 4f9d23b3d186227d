package io.mqttloop.tck.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Forwards one direction of a proxied connection: the bytes read from the source channel are
 * written to the destination channel in the order they were read.
 *
 * <p>Bytes wait in a queue while the delay holds them, the throttle's pace is ahead, the link is
 * stalled, or the destination's outbound buffer is full; a timer on the event loop wakes the
 * queue when the first of them is due. Once the queue holds {@link FaultProxy#MAX_HELD_BYTES} or
 * the destination cannot take more, the source is no longer read, so TCP pushes back on whoever
 * writes to it. When the source has ended, the destination is closed once the queue has been
 * written out, so even a peer's FIN waits behind its data, and behind a stall.
 *
 * <p>Confined to the event loop, apart from {@link #forwarded()}.
 */
final class Forwarder {
  private final EventLoop loop;
  private final Channel source;
  private final Channel destination;
  private final Faults faults;
  private final Runnable closeDestination;
  private final Deque<Chunk> queue = new ArrayDeque<>();
  private final AtomicLong forwarded = new AtomicLong();
  private long queuedBytes;
  private long nextSliceNanos = Long.MIN_VALUE;
  private @Nullable ScheduledFuture<?> pendingDrain;
  private boolean started;
  private boolean sourceEnded;
  private boolean done;

  /**
   * @param closeDestination closes the destination once its last bytes are written, after the
   *     source has ended
   */
  Forwarder(EventLoop loop, Channel source, Channel destination, Faults faults,
      Runnable closeDestination) {
    this.loop = loop;
    this.source = source;
    this.destination = destination;
    this.faults = faults;
    this.closeDestination = closeDestination;
  }

  /** Bytes written to the destination's socket so far; may be read from any thread. */
  long forwarded() {
    return forwarded.get();
  }

  /** Starts reading the source, once both sides are connected. */
  void start() {
    started = true;
    updateReading();
  }

  /** Takes bytes read from the source, and forwards them when the faults let it. */
  void accept(ByteBuf bytes) {
    if (done) {
      bytes.release();
      return;
    }
    queue.addLast(new Chunk(bytes, now() + faults.delayNanos()));
    queuedBytes += bytes.readableBytes();
    drain();
  }

  /** Notes that the source has closed: the destination closes once the queue is written. */
  void sourceEnded() {
    sourceEnded = true;
    drain();
  }

  /** Drops what is queued and forwards nothing more: the destination is gone or being cut. */
  void discard() {
    done = true;
    cancelPendingDrain();
    queue.forEach(chunk -> chunk.bytes().release());
    queue.clear();
    queuedBytes = 0;
  }

  /**
   * Writes what the faults let through now, schedules the next attempt when something waits for
   * its time, and starts or stops reading the source accordingly.
   */
  void drain() {
    cancelPendingDrain();
    if (done || faults.stalled()) {
      updateReading();
      return;
    }
    boolean wrote = false;
    while (!queue.isEmpty() && destination.isWritable()) {
      long waitNanos = nanosUntilReady(queue.getFirst());
      if (waitNanos > 0) {
        pendingDrain = loop.schedule(this::drain, waitNanos, TimeUnit.NANOSECONDS);
        break;
      }
      write(nextSlice());
      wrote = true;
    }
    if (wrote) {
      destination.flush();
    }
    if (queue.isEmpty() && sourceEnded) {
      done = true;
      closeDestination.run();
    }
    updateReading();
  }

  private long nanosUntilReady(Chunk head) {
    long readyAt = head.dueNanos();
    if (faults.throttle() != null) {
      readyAt = Math.max(readyAt, nextSliceNanos);
    }
    return readyAt - now();
  }

  /** Takes the head of the queue, or as much of it as the throttle lets go at once. */
  private ByteBuf nextSlice() {
    ByteBuf head = queue.getFirst().bytes();
    Throttle throttle = faults.throttle();
    ByteBuf slice;
    if (throttle == null || head.readableBytes() <= throttle.sliceBytes()) {
      queue.removeFirst();
      slice = head;
    } else {
      slice = head.readRetainedSlice(throttle.sliceBytes());
    }
    queuedBytes -= slice.readableBytes();
    if (throttle != null) {
      nextSliceNanos = Math.max(nextSliceNanos, now()) + throttle.nanosFor(slice.readableBytes());
    }
    return slice;
  }

  private void write(ByteBuf slice) {
    int size = slice.readableBytes();
    destination.write(slice).addListener((ChannelFutureListener) written -> {
      if (written.isSuccess()) {
        forwarded.addAndGet(size);
      }
    });
  }

  private void updateReading() {
    boolean read = started && !done && queuedBytes < FaultProxy.MAX_HELD_BYTES
        && destination.isWritable();
    source.config().setAutoRead(read);
  }

  private void cancelPendingDrain() {
    if (pendingDrain != null) {
      pendingDrain.cancel(false);
      pendingDrain = null;
    }
  }

  private long now() {
    return loop.ticker().nanoTime();
  }
}
