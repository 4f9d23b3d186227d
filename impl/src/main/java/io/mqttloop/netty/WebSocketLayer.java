package io.mqttloop.netty;

import io.mqttloop.Broker;
import io.mqttloop.MqttOptions;
import io.mqttloop.WebSocketOptions;
import io.mqttloop.WebSocketUpgradeException;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import java.net.URI;

/**
 * MQTT over WebSocket, as section 6 of MQTT 3.1.1 has it: an HTTP upgrade asking for the
 * subprotocol {@code mqtt}, made by Netty's {@link WebSocketClientProtocolHandler}, then binary
 * frames carrying the MQTT byte stream (see {@link BinaryFrameCodec}).
 */
final class WebSocketLayer {
  /** The subprotocol of MQTT over WebSocket. */
  private static final String SUBPROTOCOL = "mqtt";

  /** Room for the answer to the upgrade; a refusal's page beyond it fails the upgrade anyway. */
  private static final int MAX_ANSWER_BYTES = 16 * 1024;

  /**
   * Room in a frame beside the largest packet, for the small ones a broker may send with it: a
   * packet too large is then the MQTT decoder's to refuse, as over TCP.
   */
  private static final int FRAME_ROOM = 64 * 1024;

  private WebSocketLayer() {}

  /**
   * Adds the HTTP codec, the upgrade and the frame codec for {@code broker}; when the options
   * cannot make an upgrade request (a header value HTTP refuses, say), {@code watch} fails the
   * upgrade instead.
   */
  static void addTo(ChannelPipeline pipeline, WebSocketOptions webSocket, boolean secure,
      Broker broker, MqttOptions options, HandshakeWatch watch) {
    WebSocketClientProtocolConfig config;
    try {
      config = config(webSocket, secure, broker, options);
    } catch (IllegalArgumentException e) {
      watch.fail(refusal(broker, e));
      return;
    }
    pipeline.addLast("http", new HttpClientCodec())
        .addLast("httpAnswer", new HttpObjectAggregator(MAX_ANSWER_BYTES))
        .addLast("webSocket", new WebSocketClientProtocolHandler(config))
        .addLast("binaryFrames", new BinaryFrameCodec());
  }

  /** The upgrade failed as {@code cause} says, with the status of the answer when it came. */
  static WebSocketUpgradeException refusal(Broker broker, Throwable cause) {
    HttpResponse answer = cause instanceof WebSocketClientHandshakeException refused
        ? refused.response() : null;
    int status = answer == null ? 0 : answer.status().code();
    String why = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    WebSocketUpgradeException refusal =
        new WebSocketUpgradeException(broker.host(), broker.port(), status, why);
    refusal.initCause(cause);
    return refusal;
  }

  /** The connection closed while the upgrade waited for its answer. */
  static WebSocketUpgradeException closedBeforeAnswer(Broker broker) {
    return new WebSocketUpgradeException(broker.host(), broker.port(), 0,
        "the connection closed before the upgrade was answered");
  }

  /**
   * The upgrade: no close frame of Netty's own on close (the loop says DISCONNECT, and a close
   * frame stuck behind a TLS handshake would hold the channel open), frames as large as the
   * largest packet and some, and a time limit past the attempt's, which ends a slow upgrade
   * itself.
   */
  private static WebSocketClientProtocolConfig config(WebSocketOptions webSocket, boolean secure,
      Broker broker, MqttOptions options) {
    return WebSocketClientProtocolConfig.newBuilder()
        .webSocketUri(uri(webSocket, secure, broker))
        .subprotocol(SUBPROTOCOL)
        .customHeaders(headers(webSocket))
        .maxFramePayloadLength(options.maxPacketSize() + FRAME_ROOM)
        .sendCloseFrame(null)
        .handshakeTimeoutMillis(2 * options.connectTimeout().toMillis() + 1)
        .build();
  }

  /**
   * {@code ws://host:port/path}, or {@code wss://}, with the path as the options give it, escapes
   * and query included; an IPv6 address goes in brackets.
   *
   * @throws IllegalArgumentException when that is no URI, as with a space in the host
   */
  private static URI uri(WebSocketOptions webSocket, boolean secure, Broker broker) {
    String host = broker.host();
    boolean ipv6 = host.indexOf(':') >= 0 && !host.startsWith("[");
    return URI.create((secure ? "wss://" : "ws://") + (ipv6 ? "[" + host + "]" : host) + ":"
        + broker.port() + webSocket.path());
  }

  private static HttpHeaders headers(WebSocketOptions webSocket) {
    HttpHeaders headers = new DefaultHttpHeaders();
    webSocket.headers().forEach(headers::add);
    return headers;
  }
}
