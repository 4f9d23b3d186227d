package io.mqttloop.tck.scripted;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;

/**
 * A client made of a blocking socket, for bytes that netty's MQTT decoder would refuse or hide.
 * Reads time out after {@link PlainClient#TIMEOUT}.
 */
final class RawClient implements AutoCloseable {
  /** CONNECT: MQTT level 4, clean session, keep-alive 60 s, client id "raw". */
  private static final byte[] CONNECT = RawPackets.packet(0x10, new byte[] {
      0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3C, 0x00, 0x03, 'r', 'a', 'w'});

  private final Socket socket;
  private final DataInputStream in;

  private RawClient(ScriptedBroker broker) throws IOException {
    socket = new Socket(broker.host(), broker.port());
    socket.setSoTimeout((int) PlainClient.TIMEOUT.toMillis());
    in = new DataInputStream(socket.getInputStream());
  }

  /** Connects, sends CONNECT and reads the CONNACK, which must accept. */
  static RawClient connectTo(ScriptedBroker broker) {
    try {
      RawClient client = new RawClient(broker);
      client.write(CONNECT);
      assertArrayEquals(new byte[] {0x20, 0x02, 0x00, 0x00}, client.read(4));
      return client;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void write(byte[] bytes) {
    try {
      socket.getOutputStream().write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Exactly {@code length} bytes; fails when they do not come within the timeout. */
  byte[] read(int length) {
    byte[] bytes = new byte[length];
    try {
      in.readFully(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
