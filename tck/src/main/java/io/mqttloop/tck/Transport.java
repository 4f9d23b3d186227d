package io.mqttloop.tck;

import io.mqttloop.MqttOptions;
import io.mqttloop.TlsOptions;
import io.mqttloop.WebSocketOptions;
import io.mqttloop.tck.broker.MosquittoBroker;
import io.mqttloop.tck.broker.TestCertificates;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a loop under test reaches the real broker. A verification runs over the transport its
 * {@link MqttEventLoopVerification#transport()} names: by default the one the system property
 * {@value #PROPERTY} names, {@link #TCP} when it is not set, so that a build can run the same
 * test classes once per transport. All but TCP need mosquitto, which serves them with the TCK's
 * generated certificates.
 */
public enum Transport {
  /** MQTT straight over TCP. */
  TCP(false, false),
  /** MQTT over TLS, trusting the TCK's certificate authority, host names verified. */
  TLS(true, false),
  /** MQTT over WebSocket ({@code ws://}, path {@code /mqtt}). */
  WEBSOCKET(false, true),
  /** MQTT over WebSocket over TLS ({@code wss://}). */
  SECURE_WEBSOCKET(true, true);

  /**
   * The system property naming the transport: {@code tcp}, {@code tls}, {@code websocket} or
   * {@code secure-websocket}.
   */
  public static final String PROPERTY = "mqttloop.tck.transport";

  private final boolean secure;
  private final boolean webSocket;

  Transport(boolean secure, boolean webSocket) {
    this.secure = secure;
    this.webSocket = webSocket;
  }

  /**
   * The transport the system property {@value #PROPERTY} names; {@link #TCP} when it is not set
   * or blank.
   *
   * @throws IllegalArgumentException when it names none of the four
   */
  public static Transport fromSystemProperty() {
    String value = System.getProperty(PROPERTY, "").strip();
    if (value.isEmpty()) {
      return TCP;
    }
    for (Transport transport : values()) {
      if (transport.propertyValue().equalsIgnoreCase(value)) {
        return transport;
      }
    }
    throw new IllegalArgumentException(PROPERTY + " must be one of " + Arrays.stream(values())
        .map(Transport::propertyValue).collect(Collectors.joining(", ")) + ", was '" + value
        + "'");
  }

  /** This transport as the system property spells it, such as {@code secure-websocket}. */
  public String propertyValue() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Whether the connection is secured with TLS: {@link #TLS} and {@link #SECURE_WEBSOCKET}. */
  public boolean isSecure() {
    return secure;
  }

  /** Whether MQTT travels in WebSocket frames: {@link #WEBSOCKET} and {@link #SECURE_WEBSOCKET}. */
  public boolean isWebSocket() {
    return webSocket;
  }

  /** The port of {@code broker} that serves this transport. */
  public int port(MosquittoBroker broker) {
    if (webSocket) {
      return secure ? broker.secureWebSocketPort() : broker.webSocketPort();
    }
    return secure ? broker.tlsPort() : broker.port();
  }

  /**
   * {@code options} set for this transport: TLS trusting the authority of {@code certificates},
   * WebSocket on its default path, as this transport needs.
   */
  public MqttOptions.Builder configure(MqttOptions.Builder options,
      TestCertificates certificates) {
    if (secure) {
      options.tls(TlsOptions.builder().trustStore(certificates.trustStore(),
          certificates.storePassword().toCharArray()).build());
    }
    if (webSocket) {
      options.webSocket(WebSocketOptions.defaults());
    }
    return options;
  }
}
