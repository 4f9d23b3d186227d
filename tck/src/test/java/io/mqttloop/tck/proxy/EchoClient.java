package io.mqttloop.tck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A plain blocking socket connected to a {@link FaultProxy}, for its tests. */
final class EchoClient implements AutoCloseable {
  /** How long a test waits for anything that should happen. */
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static final int PIECE = 16 * 1024;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final AtomicLong sent = new AtomicLong();

  private EchoClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  static EchoClient connect(FaultProxy proxy) {
    Socket socket = new Socket();
    try {
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(proxy.host(), proxy.port()), (int) TIMEOUT.toMillis());
      return new EchoClient(socket);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Connects and waits for the connection to end, for a proxy that refuses connections: the
   * reset may come while connecting already, or on the first read.
   */
  static Ending connectAndAwaitEnd(FaultProxy proxy) {
    EchoClient client;
    try {
      client = connect(proxy);
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof SocketException) {
        return Ending.RESET;
      }
      throw e;
    }
    try (client) {
      return client.awaitEnd();
    }
  }

  /** Bytes that cannot be mistaken for one another when shifted or reordered. */
  static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  /** Writes {@code bytes} and returns once the socket has taken them. */
  void send(byte[] bytes) {
    try {
      for (int offset = 0; offset < bytes.length; offset += PIECE) {
        int length = Math.min(PIECE, bytes.length - offset);
        out.write(bytes, offset, length);
        sent.addAndGet(length);
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code bytes} on a thread of its own, and returns at once. */
  CompletableFuture<Void> sendInBackground(byte[] bytes) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread writer = new Thread(() -> {
      try {
        send(bytes);
        done.complete(null);
      } catch (RuntimeException e) {
        done.completeExceptionally(e);
      }
    }, "echo-client-writer");
    writer.setDaemon(true);
    writer.start();
    return done;
  }

  /** Bytes the socket has taken so far; a writer blocked by back-pressure stops counting. */
  long sent() {
    return sent.get();
  }

  /** Reads exactly {@code size} bytes; fails when the stream ends or stays silent first. */
  byte[] receive(int size) {
    try {
      byte[] bytes = in.readNBytes(size);
      assertEquals(size, bytes.length, "the stream ended early");
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends {@code bytes} while reading as many back, and returns what came back. */
  byte[] roundTrip(byte[] bytes) {
    CompletableFuture<Void> sending = sendInBackground(bytes);
    byte[] back = receive(bytes.length);
    sending.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
    return back;
  }

  /** Bytes that can be read now without blocking. */
  int available() {
    try {
      return in.available();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads until the stream ends or the socket is reset, and returns what ended it; fails when
   * bytes arrive or nothing happens within the timeout.
   */
  Ending awaitEnd() {
    try {
      int next = in.read();
      if (next >= 0) {
        fail("expected the stream to end, but read a byte: " + next);
      }
      return Ending.END_OF_STREAM;
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the stream was still open after " + TIMEOUT, e);
    } catch (SocketException e) {
      return Ending.RESET;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How a stream ended. */
  enum Ending {
    END_OF_STREAM,
    RESET
  }
}
