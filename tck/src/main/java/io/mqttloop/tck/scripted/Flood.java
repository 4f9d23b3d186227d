package io.mqttloop.tck.scripted;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * PUBLISH packets the scripted broker writes to a client as fast as the client takes them, and
 * no faster; started by {@link ScriptedBroker#flood}. Its methods may be called from any thread
 * but the broker's.
 *
 * <p>Packet {@code i} (counting from 0) carries {@code i} as a four-byte big-endian integer at
 * the start of its payload, zeros after it; a payload shorter than four bytes is all zeros. At
 * QoS 1 its packet identifier is {@code i % 65535 + 1}, so identifiers repeat after 65,535
 * packets whether or not the client has acknowledged them; keep {@code count} at 65,535 or
 * fewer for a flood that never reuses an identifier in flight.
 *
 * <p><b>Backpressure.</b> The broker makes a packet only when its channel is writable, and the
 * channel stops being writable once {@value ScriptedBroker#HIGH_WATER_MARK} bytes wait in its
 * outbound buffer; it resumes when they drain below {@value ScriptedBroker#LOW_WATER_MARK}. So
 * the broker itself never holds more than the high water mark plus one packet ({@link
 * #buffered()} counts them), and the rest of the flood is not made until the client reads.
 *
 * <p><b>Slack.</b> {@link #written()} counts packets handed to the operating system, which has
 * buffers of its own between the broker and the client: the broker's socket send buffer, fixed
 * at {@value ScriptedBroker#SOCKET_SEND_BUFFER} bytes asked for (Linux doubles that), and the
 * client's socket receive buffer, which the client sizes. Over Linux loopback, with a client that
 * stops reading and keeps its default receive buffer, a flood stops with about 300 KiB written,
 * whatever the packet size. What the client itself reads and keeps (messages queued for a slow
 * consumer, say) comes on top. Pick {@code count} and the payload size so that all this lies far
 * below {@code count} packets: 100,000 packets of 1 KiB, for instance.
 */
public final class Flood {
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final FloodWriter writer;
  private final Connection connection;
  private final String topic;
  private final int qos;

  Flood(FloodWriter writer, Connection connection, String topic, int qos) {
    this.writer = writer;
    this.connection = connection;
    this.topic = topic;
    this.qos = qos;
  }

  /** How many packets the flood sends in all. */
  public int count() {
    return writer.count();
  }

  /** How many packets are written to the socket so far: a live count that only grows. */
  public int written() {
    return writer.written();
  }

  /**
   * How many packets the broker has made but not yet written to the socket: those waiting in its
   * channel's outbound buffer, never more than fit under the high water mark, plus one.
   */
  public int buffered() {
    return writer.handed() - writer.written();
  }

  /**
   * Whether the flood is waiting for the client: packets remain to be made, but the channel is
   * not writable because the client does not read fast enough. False once the flood is done,
   * stopped or failed.
   */
  public boolean isPaused() {
    return writer.paused();
  }

  /** Whether the flood is over: every packet written, stopped, or its connection closed. */
  public boolean isDone() {
    return writer.finished().isDone();
  }

  /**
   * Waits until every packet is written to the socket, and returns then.
   *
   * @throws AssertionError when some are still unwritten after the timeout, or the flood was
   *     stopped or its connection closed first; the message says how far it got
   */
  public void awaitWritten(Duration timeout) {
    try {
      writer.finished().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("expected every flood packet written within " + timeout
          + ", but " + this);
    } catch (ExecutionException e) {
      throw new AssertionError("the flood ended before every packet was written: " + this,
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for the flood", e);
    }
  }

  /**
   * Stops making packets, and returns once no further packet will be made. The packets already
   * made ({@link #buffered()}) stay in the channel and still reach the socket if the client
   * reads, so {@link #written()} may still grow by that many. Stopping a flood that is over does
   * nothing.
   */
  public void stop() {
    writer.stop();
    EventLoop loop = connection.channel().eventLoop();
    if (loop.inEventLoop()) {
      writer.leave();
      return;
    }
    try {
      // Once this task has run, any write turn in progress has ended and later ones see the stop.
      loop.submit(writer::leave).awaitUninterruptibly(STOP_TIMEOUT.toMillis());
    } catch (RejectedExecutionException ignored) {
      // The broker is closed, so its event loop writes nothing any more.
    }
  }

  /** The flood's size and progress, for failure messages. */
  @Override
  public String toString() {
    return "flood of " + count() + " packets to " + topic + " at QoS " + qos + " on "
        + connection + ": " + written() + " written, " + buffered() + " buffered"
        + (isPaused() ? ", paused" : "") + (isDone() ? ", done" : "");
  }
}
