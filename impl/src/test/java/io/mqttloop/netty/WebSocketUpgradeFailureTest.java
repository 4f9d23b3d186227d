package io.mqttloop.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttloop.MqttConnectTimeoutException;
import io.mqttloop.MqttOptions;
import io.mqttloop.TlsOptions;
import io.mqttloop.WebSocketOptions;
import io.mqttloop.WebSocketUpgradeException;
import io.mqttloop.tck.broker.TestCertificates;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * WebSocket upgrades that fail, against servers the test plays by hand: a refusal, a switch to
 * WebSocket without the {@code mqtt} subprotocol, no answer at all. Each fails the connect with a
 * typed error within the connect timeout, and leaves no channel open and no thread but the
 * executor's behind (see {@link FailingConnect}).
 */
class WebSocketUpgradeFailureTest {
  private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final Pattern KEY = Pattern.compile("(?im)^Sec-WebSocket-Key: *(\\S+)");
  private static final Duration TIMEOUT = Duration.ofSeconds(1);

  @Test
  void anUpgradeRefusedWith403FailsWithThatStatus() throws Exception {
    try (ServerSocket server = ScriptedServers.silent()) {
      FailingConnect connect = FailingConnect.start(options(server.getLocalPort())
          .webSocket(WebSocketOptions.builder().path("/brokers/mqtt?tenant=7")
              .header("X-Token", "t0ken").build()).build());

      String request = ScriptedServers.answerHttp(server,
          head -> "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
      Throwable failure = connect.failure(TIMEOUT.plusSeconds(2));

      WebSocketUpgradeException refused =
          assertInstanceOf(WebSocketUpgradeException.class, failure);
      assertEquals(403, refused.status());
      assertEquals(server.getLocalPort(), refused.port());
      assertTrue(request.startsWith("GET /brokers/mqtt?tenant=7 HTTP/1.1\r\n"), request);
      assertHeader(request, "Host: 127.0.0.1:" + server.getLocalPort());
      assertHeader(request, "Sec-WebSocket-Protocol: mqtt");
      assertHeader(request, "X-Token: t0ken");
    }
  }

  @Test
  void aSwitchWithoutTheMqttSubprotocolIsRefused() throws Exception {
    try (ServerSocket server = ScriptedServers.silent()) {
      FailingConnect connect = FailingConnect.start(
          options(server.getLocalPort()).webSocket(WebSocketOptions.defaults()).build());

      ScriptedServers.answerHttp(server, head -> "HTTP/1.1 101 Switching Protocols\r\n"
          + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Accept: " + acceptFor(head) + "\r\n\r\n");
      Throwable failure = connect.failure(TIMEOUT.plusSeconds(2));

      WebSocketUpgradeException refused =
          assertInstanceOf(WebSocketUpgradeException.class, failure);
      assertEquals(101, refused.status());
      assertTrue(refused.getMessage().contains("subprotocol"), refused.getMessage());
    }
  }

  @Test
  void anUpgradeNeverAnsweredTimesOutWaitingForIt() throws Exception {
    assertSilenceTimesOut(WebSocketOptions.defaults(), null, "the WebSocket upgrade");
  }

  @Test
  void overTlsAServerThatNeverAnswersTimesOutWaitingForTheHandshake() throws Exception {
    TestCertificates certificates = TestCertificates.shared();
    TlsOptions tls = TlsOptions.builder().trustPem(certificates.caCertificate()).build();

    assertSilenceTimesOut(WebSocketOptions.defaults(), tls, "the TLS handshake");
  }

  private static void assertSilenceTimesOut(WebSocketOptions webSocket, @Nullable TlsOptions tls,
      String step) throws Exception {
    try (ServerSocket silent = ScriptedServers.silent()) {
      FailingConnect connect = FailingConnect.start(options(silent.getLocalPort())
          .webSocket(webSocket).tls(tls).build());

      Throwable failure = connect.failure(TIMEOUT.plusSeconds(2));

      MqttConnectTimeoutException timedOut =
          assertInstanceOf(MqttConnectTimeoutException.class, failure);
      assertTrue(timedOut.getMessage().contains("waiting for " + step), timedOut.getMessage());
      assertTrue(connect.elapsed().compareTo(TIMEOUT.plusMillis(500)) < 0,
          "failed after " + connect.elapsed());
      ScriptedServers.assertClosedByTheClient(silent);
    }
  }

  private static MqttOptions.Builder options(int port) {
    return MqttOptions.builder().broker("127.0.0.1", port).clientId("upgrade-failure")
        .connectTimeout(TIMEOUT);
  }

  /** Netty writes its own header names in lower case, as HTTP lets it. */
  private static void assertHeader(String request, String header) {
    assertTrue(request.toLowerCase(Locale.ROOT)
        .contains(("\r\n" + header + "\r\n").toLowerCase(Locale.ROOT)),
        "no " + header + " in " + request);
  }

  /** The accept value that proves a server read the request's key (RFC 6455, 4.2.2). */
  private static String acceptFor(String request) {
    Matcher key = KEY.matcher(request);
    if (!key.find()) {
      throw new AssertionError("no key in " + request);
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1")
          .digest((key.group(1) + WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("the JDK has no SHA-1", e);
    }
  }
}
