package io.mqttloop.examples;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bare MQTT 3.1.1 subscriber on a plain socket that counts the messages it receives on one
 * topic, so that the quickstart can show they arrived. It stands in until mqttloop can subscribe.
 *
 * <p>It subscribes at QoS 0: a broker queues QoS 1 messages for a subscriber only up to a limit
 * (1,000 in a stock mosquitto) and drops the rest, while it hands QoS 0 messages to a connected
 * subscriber as they come.
 */
final class MinimalSubscriber implements AutoCloseable {
  private static final int CONNACK = 0x20;
  private static final int PUBLISH = 0x30;
  private static final int SUBACK = 0x90;

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private final AtomicInteger received = new AtomicInteger();
  private final Thread reader;
  private volatile boolean closing;

  private MinimalSubscriber(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
    this.reader = new Thread(this::readPublishes, "quickstart-subscriber");
    this.reader.setDaemon(true);
  }

  /**
   * Connects to {@code host:port}, subscribes to {@code topic} at QoS 0, and starts counting. A
   * broker may drop a SUBSCRIBE sent right after CONNACK (Moquette 0.17 does, now and then), so
   * a handshake cut short is tried again, up to three times.
   */
  static MinimalSubscriber subscribe(String host, int port, String topic) throws IOException {
    for (int attempt = 1; ; attempt++) {
      MinimalSubscriber subscriber = new MinimalSubscriber(new Socket(host, port));
      try {
        subscriber.handshake(topic);
        subscriber.reader.start();
        return subscriber;
      } catch (EOFException e) {
        subscriber.socket.close();
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  /** Waits until {@code expected} messages arrived or {@code timeout} passed; returns the count. */
  int awaitCount(int expected, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (received) {
      while (received.get() < expected && System.nanoTime() < deadline && reader.isAlive()) {
        received.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      }
    }
    return received.get();
  }

  @Override
  public void close() throws IOException {
    closing = true;
    out.write(new byte[] {(byte) 0xE0, 0});
    socket.close();
  }

  private void handshake(String topic) throws IOException {
    byte[] clientId = ("quickstart-" + ProcessHandle.current().pid() + "-" + System.nanoTime())
        .getBytes(StandardCharsets.UTF_8);
    byte[] connectHeader = {0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60};
    writePacket(0x10, connectHeader, lengthPrefixed(clientId));
    expect(CONNACK);

    byte[] subscribeId = {0, 1};
    byte[] filter = lengthPrefixed(topic.getBytes(StandardCharsets.UTF_8));
    writePacket(0x82, subscribeId, filter, new byte[] {0});
    expect(SUBACK);
  }

  private void expect(int type) throws IOException {
    int header = in.readUnsignedByte();
    byte[] body = new byte[readRemainingLength()];
    in.readFully(body);
    if ((header & 0xF0) != type || body[body.length - 1] == (byte) 0x80) {
      throw new IOException("the broker refused: packet 0x" + Integer.toHexString(header));
    }
  }

  private void readPublishes() {
    try {
      while (true) {
        int header = in.readUnsignedByte();
        byte[] body = new byte[readRemainingLength()];
        in.readFully(body);
        if ((header & 0xF0) == PUBLISH) {
          synchronized (received) {
            received.incrementAndGet();
            received.notifyAll();
          }
        }
      }
    } catch (EOFException e) {
      wakeWaiters();
    } catch (IOException e) {
      wakeWaiters();
      if (!closing) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private void wakeWaiters() {
    synchronized (received) {
      received.notifyAll();
    }
  }

  private int readRemainingLength() throws IOException {
    int length = 0;
    int shift = 0;
    int digit;
    do {
      digit = in.readUnsignedByte();
      length |= (digit & 0x7F) << shift;
      shift += 7;
    } while ((digit & 0x80) != 0);
    return length;
  }

  private synchronized void writePacket(int header, byte[]... parts) throws IOException {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    out.write(header);
    do {
      int digit = length % 128;
      length /= 128;
      out.write(length > 0 ? digit | 0x80 : digit);
    } while (length > 0);
    for (byte[] part : parts) {
      out.write(part);
    }
    out.flush();
  }

  private static byte[] lengthPrefixed(byte[] bytes) {
    byte[] prefixed = new byte[bytes.length + 2];
    prefixed[0] = (byte) (bytes.length >> 8);
    prefixed[1] = (byte) bytes.length;
    System.arraycopy(bytes, 0, prefixed, 2, bytes.length);
    return prefixed;
  }
}
