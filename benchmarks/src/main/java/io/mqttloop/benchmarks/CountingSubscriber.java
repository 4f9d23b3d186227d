package io.mqttloop.benchmarks;

import java.io.IOException;
import java.time.Duration;

/**
 * Counts the PUBLISH packets the broker delivers on one QoS 0 subscription, on a plain socket read
 * by a thread of its own, so that every publisher is counted by the same cheap reader.
 */
final class CountingSubscriber implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(1);

  private final RawConnection connection;
  private final Thread reader;
  private volatile long received;
  private volatile long lastArrival;
  private volatile boolean closing;

  private CountingSubscriber(RawConnection connection) {
    this.connection = connection;
    this.reader = new Thread(this::count, "counting-subscriber");
    reader.setDaemon(true);
  }

  /** Connects, subscribes to {@code topic} at QoS 0 and starts counting. */
  static CountingSubscriber subscribe(BrokerEndpoint broker, String clientId, String topic)
      throws IOException {
    RawConnection connection =
        RawConnection.open(broker, clientId, RawConnection.BUSY_BUFFER);
    connection.write(RawPackets.subscribe(1, topic, 0));
    connection.reader().next();
    if (connection.reader().type() != RawPackets.SUBACK) {
      connection.close();
      throw new IOException("expected SUBACK, got " + connection.reader().type());
    }
    CountingSubscriber subscriber = new CountingSubscriber(connection);
    subscriber.reader.start();
    return subscriber;
  }

  /**
   * Waits until {@code expected} messages have arrived, or none has for {@code stall}; returns how
   * many arrived.
   */
  long await(long expected, Duration stall) throws InterruptedException {
    long seen = received;
    long progressAt = System.nanoTime();
    while (seen < expected && System.nanoTime() - progressAt < stall.toNanos()) {
      Thread.sleep(POLL.toMillis());
      if (received != seen) {
        seen = received;
        progressAt = System.nanoTime();
      }
    }
    return received;
  }

  /** The {@link System#nanoTime()} at which the last message counted arrived. */
  long lastArrival() {
    return lastArrival;
  }

  private void count() {
    FrameReader frames = connection.reader();
    try {
      while (true) {
        frames.next();
        long now = System.nanoTime();
        do {
          if ((frames.type() & 0xF0) == RawPackets.PUBLISH) {
            received++;
          }
        } while (frames.nextIfBuffered());
        lastArrival = now;
      }
    } catch (IOException e) {
      if (!closing) {
        System.err.println("the counting subscriber lost its connection: " + e);
      }
    }
  }

  @Override
  public void close() throws IOException {
    closing = true;
    connection.close();
    try {
      reader.join(Duration.ofSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
