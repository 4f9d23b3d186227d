package io.mqttloop.tck.scripted;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.mqtt.MqttMessage;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection the broker accepted: its index in arrival order, its channel, and who
 * closed it. The flags are atomic because the event loop and test threads both read them.
 */
final class Connection {
  private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

  /** Long enough for any packet over loopback; a write slower than this means a stuck client. */
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

  private final int index;
  private final Channel channel;
  private final AtomicBoolean closedByBroker = new AtomicBoolean();
  private final AtomicBoolean connectAnswered = new AtomicBoolean();

  Connection(int index, Channel channel) {
    this.index = index;
    this.channel = channel;
  }

  int index() {
    return index;
  }

  Channel channel() {
    return channel;
  }

  boolean isClosed() {
    return channel.closeFuture().isDone();
  }

  /** Whether the broker, not the client, closed it: a cut, a refusal or a malformed packet. */
  boolean closedByBroker() {
    return closedByBroker.get();
  }

  /** Closes the connection from the broker's side; a no-op once it is closed. */
  ChannelFuture closeByBroker() {
    if (channel.isOpen()) {
      closedByBroker.set(true);
    }
    return channel.close();
  }

  /**
   * Writes a packet, or a {@code ByteBuf} of raw bytes, and waits until it is on the socket.
   *
   * @throws AssertionError when the connection is closed or the write does not finish in time
   */
  void send(Object packet) {
    String what = describe(packet);
    LOG.trace("sending {} on {}", what, this);
    ChannelFuture write = channel.writeAndFlush(packet);
    if (!write.awaitUninterruptibly(WRITE_TIMEOUT.toMillis())) {
      throw new AssertionError(
          "could not send " + what + " on " + this + " within " + WRITE_TIMEOUT);
    }
    if (!write.isSuccess()) {
      throw new AssertionError("could not send " + what + " on " + this, write.cause());
    }
  }

  /**
   * Claims the right to answer CONNECT. True only the first time: a second CONNECT on the same
   * connection is a protocol violation that the broker records but does not answer.
   */
  boolean claimConnectAnswer() {
    return connectAnswered.compareAndSet(false, true);
  }

  private static String describe(Object packet) {
    if (packet instanceof MqttMessage message) {
      return PacketDescription.of(message);
    }
    if (packet instanceof ByteBuf bytes) {
      return bytes.readableBytes() + " raw bytes";
    }
    return packet.toString();
  }

  @Override
  public String toString() {
    return "connection " + index + (isClosed() ? " (closed)" : " (open)");
  }
}
