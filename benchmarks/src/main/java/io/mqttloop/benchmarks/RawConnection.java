package io.mqttloop.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import jdk.net.ExtendedSocketOptions;

/**
 * An MQTT connection on a plain blocking socket with TCP_NODELAY: CONNECT written, CONNACK read.
 * What it writes goes straight to the socket, unbuffered.
 */
final class RawConnection implements AutoCloseable {
  /** A buffer for a connection that reads many packets, few syscalls apart. */
  static final int BUSY_BUFFER = 64 * 1024;

  /** A buffer for a connection that reads no more than a CONNACK; it grows if need be. */
  static final int IDLE_BUFFER = 64;

  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

  private final Socket socket;
  private final OutputStream out;
  private final FrameReader reader;

  private RawConnection(Socket socket, int bufferSize) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.reader = new FrameReader(socket.getInputStream(), bufferSize);
  }

  /**
   * Connects with a clean session and no keep-alive, reading through a buffer of
   * {@code bufferSize} bytes to start with.
   *
   * @throws IOException when the broker cannot be reached or refuses the connection
   */
  static RawConnection open(BrokerEndpoint broker, String clientId, int bufferSize)
      throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(broker.host(), broker.port()), CONNECT_TIMEOUT_MILLIS);
      RawConnection connection = new RawConnection(socket, bufferSize);
      connection.handshake(clientId);
      return connection;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private void handshake(String clientId) throws IOException {
    write(RawPackets.connect(clientId, 0));
    reader.next();
    if (reader.type() != RawPackets.CONNACK || reader.packetId() != 0) {
      throw new IOException("the broker did not accept " + clientId + ": packet "
          + Integer.toHexString(reader.type()) + ", code " + (reader.packetId() & 0xFF));
    }
  }

  void write(byte[] bytes) throws IOException {
    out.write(bytes);
  }

  void write(byte[] bytes, int length) throws IOException {
    out.write(bytes, 0, length);
  }

  /**
   * Makes the kernel acknowledge the next data to arrive at once rather than delay its ACK, where
   * it can (Linux); the kernel drops back to delaying on its own, so this is asked before each
   * wait.
   */
  void acknowledgeAtOnce() throws IOException {
    if (socket.supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK)) {
      socket.setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
    }
  }

  FrameReader reader() {
    return reader;
  }

  /** Sends DISCONNECT and closes the socket. */
  @Override
  public void close() throws IOException {
    try (socket) {
      out.write(RawPackets.disconnect());
    }
  }
}
