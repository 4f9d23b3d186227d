package io.mqttloop.netty;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * Servers on 127.0.0.1 that a test plays by hand on its own thread, for what no broker does:
 * one that takes connections and never says a word (the kernel accepts them, nobody reads), and
 * one that answers an HTTP request as the test says.
 */
final class ScriptedServers {
  private static final int TIMEOUT_MILLIS = 5_000;
  private static final String END_OF_HEAD = "\r\n\r\n";

  private ScriptedServers() {}

  /** A server whose connections the kernel accepts and nobody answers, nor reads. */
  static ServerSocket silent() throws IOException {
    return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
  }

  /**
   * Takes the next connection, reads an HTTP request's head from it, writes what
   * {@code answer} makes of the head, then waits for the client to close the connection.
   *
   * @return the head of the request
   */
  static String answerHttp(ServerSocket server, UnaryOperator<String> answer)
      throws IOException {
    try (Socket client = accept(server)) {
      String head = readHead(client.getInputStream());
      client.getOutputStream().write(answer.apply(head).getBytes(StandardCharsets.US_ASCII));
      client.getOutputStream().flush();
      assertReadEnds(client.getInputStream());
      return head;
    }
  }

  /** The next connection was closed by the client: reading it ends, or finds it reset. */
  static void assertClosedByTheClient(ServerSocket server) throws IOException {
    try (Socket client = accept(server)) {
      assertReadEnds(client.getInputStream());
    }
  }

  private static Socket accept(ServerSocket server) throws IOException {
    server.setSoTimeout(TIMEOUT_MILLIS);
    Socket client = server.accept();
    client.setSoTimeout(TIMEOUT_MILLIS);
    return client;
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith(END_OF_HEAD)) {
      int next = in.read();
      if (next < 0) {
        throw new IOException("the client closed before the end of its request: " + head);
      }
      head.write(next);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  private static void assertReadEnds(InputStream in) throws IOException {
    try {
      while (in.read() >= 0) {
        continue;
      }
    } catch (SocketException reset) {
      assertTrue(reset.getMessage().contains("reset"), reset.toString());
    }
  }
}
