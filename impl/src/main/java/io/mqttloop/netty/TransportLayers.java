package io.mqttloop.netty;

import io.mqttloop.Broker;
import io.mqttloop.MqttOptions;
import io.mqttloop.TlsOptions;
import io.mqttloop.WebSocketOptions;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The layers between a TCP connection and MQTT that the options ask for: TLS, WebSocket, both
 * ({@code wss://}) or none. They go after the handlers that watch the raw bytes and before the
 * MQTT codec, followed by a {@link HandshakeWatch} that tells the connect attempt when CONNECT
 * may go.
 */
final class TransportLayers {
  private TransportLayers() {}

  /** Adds to the end of {@code pipeline} the layers the options ask for to reach {@code broker}. */
  static void addLayers(ChannelPipeline pipeline, MqttOptions options, Broker broker) {
    TlsOptions tls = options.tls();
    WebSocketOptions webSocket = options.webSocket();
    if (tls == null && webSocket == null) {
      return;
    }
    HandshakeWatch watch = new HandshakeWatch(broker, tls != null, webSocket != null);
    if (tls != null) {
      TlsLayer.addTo(pipeline, tls, broker, watch);
    }
    if (webSocket != null) {
      WebSocketLayer.addTo(pipeline, webSocket, tls != null, broker, options, watch);
    }
    pipeline.addLast("handshakeWatch", watch);
  }

  /**
   * Runs {@code ready} once the layers of {@code channel} are ready for MQTT, at once when it has
   * none; or gives {@code failed} the typed error of the step that failed.
   */
  static void whenReady(Channel channel, Runnable ready, Consumer<Throwable> failed) {
    HandshakeWatch watch = channel.pipeline().get(HandshakeWatch.class);
    if (watch == null) {
      ready.run();
    } else {
      watch.whenReady(ready, failed);
    }
  }

  /** The step of the layers that {@code channel} still waits for; null when none is left. */
  static @Nullable String awaitedStep(Channel channel) {
    HandshakeWatch watch = channel.pipeline().get(HandshakeWatch.class);
    return watch == null ? null : watch.awaitedStep();
  }
}
