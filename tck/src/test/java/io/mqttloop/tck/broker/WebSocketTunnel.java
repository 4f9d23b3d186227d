package io.mqttloop.tck.broker;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * MQTT over a WebSocket (RFC 6455) on a socket a test opened, plain or TLS: the HTTP upgrade,
 * then one masked binary frame for each write and the payloads of the server's frames to read.
 */
final class WebSocketTunnel {
  /** The GUID that RFC 6455 appends to the key to compute the accept value. */
  private static final String KEY_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final SecureRandom RANDOM = new SecureRandom();

  private WebSocketTunnel() {
  }

  /**
   * Asks the server to switch this socket to a WebSocket for the subprotocol {@code mqtt}, at the
   * path {@code /mqtt}, and reads its answer up to the end of its headers.
   */
  static Upgrade upgrade(Socket socket, String host, int port) throws IOException {
    byte[] key = new byte[16];
    RANDOM.nextBytes(key);
    String encodedKey = Base64.getEncoder().encodeToString(key);
    String request = "GET /mqtt HTTP/1.1\r\n"
        + "Host: " + host + ":" + port + "\r\n"
        + "Upgrade: websocket\r\n"
        + "Connection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + encodedKey + "\r\n"
        + "Sec-WebSocket-Version: 13\r\n"
        + "Sec-WebSocket-Protocol: mqtt\r\n\r\n";
    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    return Upgrade.parse(readHead(socket.getInputStream()), acceptFor(encodedKey));
  }

  /** MQTT over the WebSocket of a socket that {@link #upgrade} switched. */
  static MqttProbe probe(Socket upgraded) throws IOException {
    return MqttProbe.over(upgraded, new FrameInput(upgraded.getInputStream()),
        new FrameOutput(upgraded.getOutputStream()));
  }

  private static List<String> readHead(InputStream in) throws IOException {
    // Byte by byte, so that nothing after the headers is taken from the frames.
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int next = in.read();
      if (next < 0) {
        throw new EOFException("the server closed the connection in its answer: " + head);
      }
      head.write(next);
    }
    return List.of(head.toString(StandardCharsets.US_ASCII).strip().split("\r\n"));
  }

  private static String acceptFor(String encodedKey) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1")
          .digest((encodedKey + KEY_GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }

  /**
   * The server's answer to an upgrade request.
   *
   * @param statusLine its first line, such as {@code HTTP/1.1 101 Switching Protocols}
   * @param headers its headers, by lower-case name
   * @param expectedAccept the {@code Sec-WebSocket-Accept} value the request's key calls for
   */
  record Upgrade(String statusLine, Map<String, String> headers, String expectedAccept) {

    static Upgrade parse(List<String> lines, String expectedAccept) {
      Map<String, String> headers = new HashMap<>();
      for (String line : lines.subList(1, lines.size())) {
        int colon = line.indexOf(':');
        headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).strip());
      }
      return new Upgrade(lines.get(0), headers, expectedAccept);
    }

    /** The status code of the answer: 101 when the server switched protocols. */
    int status() {
      return Integer.parseInt(statusLine.split(" ")[1]);
    }
  }

  /** The payloads of the server's data frames, one after the other; a close frame ends them. */
  private static final class FrameInput extends InputStream {
    private final DataInputStream in;
    private byte[] payload = new byte[0];
    private int position;

    FrameInput(InputStream in) {
      this.in = new DataInputStream(in);
    }

    @Override
    public int read() throws IOException {
      return nextPayload() ? payload[position++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (!nextPayload()) {
        return -1;
      }
      int count = Math.min(length, payload.length - position);
      System.arraycopy(payload, position, buffer, offset, count);
      position += count;
      return count;
    }

    /** Reads frames until one has bytes left to read; false at a close frame or the end. */
    private boolean nextPayload() throws IOException {
      while (position == payload.length) {
        int first = in.read();
        if (first < 0) {
          return false;
        }
        int opcode = first & 0x0F;
        byte[] data = readPayload();
        if (opcode == 0x8) {
          return false;
        }
        // Continuation and binary frames carry MQTT; ping, pong and text frames do not.
        if (opcode == 0x0 || opcode == 0x2) {
          payload = data;
          position = 0;
        }
      }
      return true;
    }

    private byte[] readPayload() throws IOException {
      int second = in.readUnsignedByte();
      if ((second & 0x80) != 0) {
        throw new IOException("the server masked a frame, which RFC 6455 forbids");
      }
      long length = second & 0x7F;
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        length = in.readLong();
      }
      byte[] data = new byte[Math.toIntExact(length)];
      in.readFully(data);
      return data;
    }
  }

  /** Sends each write as one final, masked binary frame, as a client must. */
  private static final class FrameOutput extends OutputStream {
    private final OutputStream out;

    FrameOutput(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
      ByteArrayOutputStream frame = new ByteArrayOutputStream();
      frame.write(0x82);
      writeMaskedLength(frame, length);
      byte[] mask = new byte[4];
      RANDOM.nextBytes(mask);
      frame.write(mask);
      for (int i = 0; i < length; i++) {
        frame.write(data[offset + i] ^ mask[i % 4]);
      }
      out.write(frame.toByteArray());
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    private static void writeMaskedLength(ByteArrayOutputStream frame, int length) {
      if (length > 0xFFFF) {
        throw new IllegalArgumentException("frames of the tunnel hold at most 65535 bytes");
      }
      if (length < 126) {
        frame.write(0x80 | length);
        return;
      }
      frame.write(0x80 | 126);
      frame.write(length >>> 8);
      frame.write(length & 0xFF);
    }
  }
}
