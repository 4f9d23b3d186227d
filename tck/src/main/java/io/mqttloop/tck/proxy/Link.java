package io.mqttloop.tck.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxied connection: the client's channel, the channel to the target, and a
 * {@link Forwarder} each way. It records who closed each side, and tells {@code onChange} after
 * each change so that waiting test threads look again.
 *
 * <p>Confined to the event loop, apart from {@link #snapshot()}.
 */
final class Link {
  private static final Logger LOG = LoggerFactory.getLogger(Link.class);

  private final int index;
  private final Channel client;
  private final Channel target;
  private final Forwarder toTarget;
  private final Forwarder toClient;
  private final Runnable onChange;
  private volatile SocketState clientState = SocketState.OPEN;
  private volatile SocketState targetState = SocketState.CONNECTING;

  /**
   * @param client the accepted channel, registered and active, not reading yet
   * @param target a channel not yet registered, not reading
   */
  Link(int index, Channel client, Channel target, Faults faults, Runnable onChange) {
    this.index = index;
    this.client = client;
    this.target = target;
    this.onChange = onChange;
    EventLoop loop = client.eventLoop();
    this.toTarget =
        new Forwarder(loop, client, target, faults, () -> closeAfterFlush(Side.TARGET));
    this.toClient =
        new Forwarder(loop, target, client, faults, () -> closeAfterFlush(Side.CLIENT));
  }

  /** Registers the target's channel on the client's event loop and connects it. */
  void connect(InetSocketAddress address) {
    client.pipeline().addLast(new SideHandler(this, Side.CLIENT));
    target.pipeline().addLast(new SideHandler(this, Side.TARGET));
    client.eventLoop().register(target).addListener((ChannelFutureListener) registered -> {
      if (!registered.isSuccess()) {
        targetUnreachable(address, registered.cause());
        return;
      }
      target.connect(address).addListener((ChannelFutureListener) connected -> {
        if (connected.isSuccess()) {
          targetConnected(address);
        } else {
          targetUnreachable(address, connected.cause());
        }
      });
    });
  }

  /** The state of this connection now. May be called from any thread. */
  ProxiedConnection snapshot() {
    return new ProxiedConnection(index, false, clientState, targetState,
        toTarget.forwarded(), toClient.forwarded());
  }

  boolean isOpen() {
    return clientState.isOpen() || targetState.isOpen();
  }

  /** Bytes read from {@code side}, to forward to the other. */
  void read(Side side, ByteBuf bytes) {
    from(side).accept(bytes);
  }

  /** The channel of {@code side} can take more, or no more, bytes. */
  void writabilityChanged(Side side) {
    from(side.other()).drain();
  }

  /** The channel of {@code side} has closed, by its peer or by the proxy. */
  void inactive(Side side) {
    if (state(side) == SocketState.OPEN) {
      LOG.debug("connection #{}: the {} closed its side", index, side);
      state(side, SocketState.CLOSED_BY_PEER);
    }
    from(side.other()).discard();
    from(side).sourceEnded();
  }

  /** Reading or writing on {@code side} failed: the peer reset it, or the proxy has a bug. */
  void failed(Side side, Throwable cause) {
    if (cause instanceof IOException) {
      LOG.debug("connection #{}: the {}'s side failed: {}", index, side, cause.toString());
      if (state(side) == SocketState.OPEN) {
        state(side, SocketState.CLOSED_BY_PEER);
      }
      channel(side).close();
    } else {
      LOG.warn("connection #{}: unexpected failure on the {}'s side; cutting it", index, side,
          cause);
      cut(false);
    }
  }

  /** Goes on forwarding after a stall or a change of pace. */
  void drain() {
    toTarget.drain();
    toClient.drain();
  }

  /**
   * Closes both sides at once, dropping what is queued; with {@code reset}, as a TCP reset
   * (SO_LINGER 0) rather than a FIN.
   */
  void cut(boolean reset) {
    toTarget.discard();
    toClient.discard();
    closeNow(Side.CLIENT, reset);
    closeNow(Side.TARGET, reset);
  }

  private void targetConnected(InetSocketAddress address) {
    if (targetState != SocketState.CONNECTING) {
      return;
    }
    LOG.debug("connection #{}: connected to {}", index, address);
    state(Side.TARGET, SocketState.OPEN);
    toTarget.start();
    toClient.start();
  }

  private void targetUnreachable(InetSocketAddress address, Throwable cause) {
    if (targetState != SocketState.CONNECTING) {
      return;
    }
    LOG.debug("connection #{}: cannot reach {}: {}", index, address, cause.toString());
    state(Side.TARGET, SocketState.NOT_CONNECTED);
    cut(false);
  }

  private void closeNow(Side side, boolean reset) {
    markClosedByProxy(side);
    Channel channel = channel(side);
    if (reset && channel.isActive()) {
      channel.config().setOption(ChannelOption.SO_LINGER, 0);
    }
    channel.close();
  }

  private void closeAfterFlush(Side side) {
    markClosedByProxy(side);
    Channel channel = channel(side);
    if (!channel.isActive()) {
      channel.close();
      return;
    }
    // The empty write completes after every write before it, so nothing queued is cut short.
    ChannelFuture flushed = channel.writeAndFlush(Unpooled.EMPTY_BUFFER);
    flushed.addListener(ChannelFutureListener.CLOSE);
  }

  private void markClosedByProxy(Side side) {
    SocketState state = state(side);
    if (state == SocketState.CONNECTING) {
      state(side, SocketState.NOT_CONNECTED);
    } else if (state == SocketState.OPEN) {
      LOG.debug("connection #{}: closing the {}'s side", index, side);
      state(side, SocketState.CLOSED_BY_PROXY);
    }
  }

  private Forwarder from(Side side) {
    return side == Side.CLIENT ? toTarget : toClient;
  }

  private Channel channel(Side side) {
    return side == Side.CLIENT ? client : target;
  }

  private SocketState state(Side side) {
    return side == Side.CLIENT ? clientState : targetState;
  }

  private void state(Side side, SocketState state) {
    if (side == Side.CLIENT) {
      clientState = state;
    } else {
      targetState = state;
    }
    onChange.run();
  }
}
