package io.mqttloop.netty;

import io.mqttloop.Broker;
import io.mqttloop.TlsHandshakeException;
import io.mqttloop.TlsOptions;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.ImmediateExecutor;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;

/**
 * TLS on the connection to one broker: a JDK {@link SSLEngine} in client mode, made from the
 * options' context, in Netty's {@link SslHandler}. The work the engine hands off, such as checking
 * the broker's certificates, runs at once on the loop's thread, never on another executor.
 */
final class TlsLayer {
  private TlsLayer() {}

  /**
   * Adds the handler securing the connection to {@code broker}; when the options cannot make an
   * engine (a protocol the JDK does not know, say), {@code watch} fails the handshake instead.
   */
  static void addTo(ChannelPipeline pipeline, TlsOptions tls, Broker broker,
      HandshakeWatch watch) {
    try {
      pipeline.addLast("tls", handler(engine(tls, broker)));
    } catch (IllegalArgumentException | IllegalStateException e) {
      watch.fail(new TlsHandshakeException(broker.host(), broker.port(),
          TlsHandshakeException.Reason.OTHER, e));
    }
  }

  private static SslHandler handler(SSLEngine engine) {
    SslHandler handler = new SslHandler(engine, ImmediateExecutor.INSTANCE);
    // The connect attempt's deadline bounds the handshake, and says what it was waiting for.
    handler.setHandshakeTimeoutMillis(0);
    return handler;
  }

  /**
   * An engine for {@code broker}, named by the options' server name or else the broker's host:
   * the name is sent as SNI unless it is an IP address, and checked against the certificate when
   * hostname verification is on (an address against its IP names).
   */
  private static SSLEngine engine(TlsOptions tls, Broker broker) {
    String serverName = Objects.requireNonNullElse(tls.serverName(), broker.host());
    SSLEngine engine = tls.context().createSSLEngine(serverName, broker.port());
    engine.setUseClientMode(true);
    if (!tls.protocols().isEmpty()) {
      engine.setEnabledProtocols(tls.protocols().toArray(String[]::new));
    }
    SSLParameters parameters = engine.getSSLParameters();
    SNIHostName sni = sniName(serverName);
    if (sni != null) {
      parameters.setServerNames(List.of(sni));
    }
    if (tls.hostnameVerification()) {
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
    }
    if (!tls.alpnProtocols().isEmpty()) {
      parameters.setApplicationProtocols(tls.alpnProtocols().toArray(String[]::new));
    }
    engine.setSSLParameters(parameters);
    return engine;
  }

  /**
   * The name to send as SNI: none for an IP address, which SNI cannot carry, nor for a name it
   * cannot carry either (with an underscore, say), which the broker then never sees.
   */
  private static @Nullable SNIHostName sniName(String serverName) {
    if (NetUtil.isValidIpV4Address(serverName) || NetUtil.isValidIpV6Address(serverName)) {
      return null;
    }
    try {
      return new SNIHostName(serverName);
    } catch (IllegalArgumentException notAHostName) {
      return null;
    }
  }
}
