package io.mqttloop.netty;

import io.mqttloop.Broker;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the steps that make one channel ready for MQTT, the TLS handshake and then the
 * WebSocket upgrade, and tells the connect attempt when both are done or why one failed, as a
 * typed error. It sits after the transport's layers and before the MQTT codec. The channel reads
 * only when asked, so while a step is under way the watch asks.
 *
 * <p>A TLS error stays a handshake failure after the handshake: under TLS 1.3 a broker refuses
 * the client's certificate only once the client's side of it is done. The attempt ignores what
 * comes after CONNACK. Confined to the loop.
 */
final class HandshakeWatch extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(HandshakeWatch.class);

  private final Broker broker;
  private boolean tlsPending;
  private boolean upgradePending;
  private @Nullable Throwable failure;
  /** What to run once every step is done; null before the attempt listens, and once run. */
  private @Nullable Runnable ready;
  /** What to tell of a failure; null before the attempt listens, and once told. */
  private @Nullable Consumer<Throwable> failed;

  /** A watch of the TLS handshake when {@code tls}, then of the upgrade when {@code upgrade}. */
  HandshakeWatch(Broker broker, boolean tls, boolean upgrade) {
    this.broker = broker;
    this.tlsPending = tls;
    this.upgradePending = upgrade;
  }

  /** Runs {@code whenReady} once every step is done, or gives {@code whenFailed} the error. */
  void whenReady(Runnable whenReady, Consumer<Throwable> whenFailed) {
    this.ready = whenReady;
    this.failed = whenFailed;
    tell();
  }

  /** The step under way, in the words of a connect timeout; null when none is. */
  @Nullable String awaitedStep() {
    if (tlsPending) {
      return "the TLS handshake";
    }
    return upgradePending ? "the WebSocket upgrade" : null;
  }

  /** A step failed, even before the channel was connected, as when a layer could not be made. */
  void fail(Throwable typed) {
    if (failure == null) {
      failure = typed;
    }
    tell();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.fireChannelActive();
    readWhileStepping(ctx);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    readWhileStepping(ctx);
    ctx.fireChannelReadComplete();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof SslHandshakeCompletionEvent handshake) {
      tlsHandshakeEnded(handshake);
    } else if (event
        == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
      log.debug("WebSocket upgrade at {} done", broker);
      upgradePending = false;
      tell();
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (tlsPending || TlsFailures.isTls(cause)) {
      fail(TlsFailures.of(broker, cause));
    } else if (upgradePending) {
      fail(WebSocketLayer.refusal(broker, cause));
    }
    ctx.fireExceptionCaught(cause);
  }

  /** A close during the TLS handshake is the handshake's failure, which its handler reports. */
  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (upgradePending && !tlsPending) {
      fail(WebSocketLayer.closedBeforeAnswer(broker));
    }
    ctx.fireChannelInactive();
  }

  private void tlsHandshakeEnded(SslHandshakeCompletionEvent handshake) {
    if (handshake.isSuccess()) {
      log.debug("TLS handshake with {} done", broker);
      tlsPending = false;
      tell();
    } else {
      fail(TlsFailures.of(broker, handshake.cause()));
    }
  }

  private void readWhileStepping(ChannelHandlerContext ctx) {
    if (failure == null && (tlsPending || upgradePending)) {
      ctx.read();
    }
  }

  /** Tells the attempt, once it listens, of the failure or that every step is done; each once. */
  private void tell() {
    Throwable cause = failure;
    Consumer<Throwable> whenFailed = failed;
    Runnable whenReady = ready;
    if (cause != null && whenFailed != null) {
      failed = null;
      ready = null;
      whenFailed.accept(cause);
    } else if (cause == null && whenReady != null && !tlsPending && !upgradePending) {
      ready = null;
      whenReady.run();
    }
  }
}
