package io.mqttloop.tck.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A plain blocking TCP server on 127.0.0.1 for the proxy's tests, one thread per connection:
 * it echoes what it reads, or (as a sink) only counts it. It closes a connection when its client
 * does.
 */
final class EchoServer implements AutoCloseable {
  private static final int BUFFER = 64 * 1024;

  private final ServerSocket server;
  private final boolean echoing;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicLong received = new AtomicLong();

  private EchoServer(boolean echoing) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    this.echoing = echoing;
    startThread("echo-server-accept", this::acceptAll);
  }

  /** A server that writes back every byte it reads. */
  static EchoServer echo() {
    return start(true);
  }

  /** A server that reads and counts, and writes nothing. */
  static EchoServer sink() {
    return start(false);
  }

  private static EchoServer start(boolean echoing) {
    try {
      return new EchoServer(echoing);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String host() {
    return "127.0.0.1";
  }

  int port() {
    return server.getLocalPort();
  }

  /** Connections accepted so far. */
  int accepted() {
    return accepted.get();
  }

  /** Connections accepted and not yet closed. */
  int openConnections() {
    return open.get();
  }

  /** Bytes read so far, over every connection. */
  long bytesReceived() {
    return received.get();
  }

  /** Closes every connection from the server's side, and goes on accepting. */
  void closeConnections() {
    sockets.forEach(EchoServer::closeQuietly);
  }

  @Override
  public void close() {
    closeQuietly(server);
    closeConnections();
    try {
      for (Thread thread : threads) {
        thread.join(5_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptAll() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        sockets.add(socket);
        accepted.incrementAndGet();
        open.incrementAndGet();
        startThread("echo-server-connection", () -> serve(socket));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    byte[] buffer = new byte[BUFFER];
    try (socket; InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream()) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        received.addAndGet(n);
        if (echoing) {
          out.write(buffer, 0, n);
        }
      }
    } catch (IOException ignored) {
      // The peer reset the connection, or the test closed the server: the connection is over.
    } finally {
      open.decrementAndGet();
    }
  }

  private void startThread(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // Closing is all that is wanted; a failure to close leaves nothing to do.
    }
  }
}
