package io.mqttloop.netty;

import io.mqttloop.Broker;
import io.mqttloop.BrokerUnreachableException;
import io.mqttloop.ConnectReturnCode;
import io.mqttloop.ConnectionRefusedException;
import io.mqttloop.MqttConnectTimeoutException;
import io.mqttloop.MqttException;
import io.mqttloop.MqttOptions;
import io.mqttloop.MqttProtocolException;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt to connect to one broker: the TCP connection, the handshakes of its transport
 * (see {@link TransportLayers}), CONNECT and CONNACK, all within the options' connect timeout.
 * It ends once, telling its {@link Listener} whether the broker accepted or why not. Confined to
 * the loop.
 */
final class ConnectAttempt {
  private static final Logger log = LoggerFactory.getLogger(ConnectAttempt.class);

  /** Hears how the attempt ended; called once, on the loop. */
  interface Listener {
    void accepted(ConnectAttempt attempt, boolean sessionPresent);

    void failed(ConnectAttempt attempt, Throwable cause);
  }

  private final MqttOptions options;
  private final Broker broker;
  private final EventLoop io;
  private final Listener listener;
  private final Channel channel;
  private @Nullable ScheduledFuture<?> deadline;
  private boolean ended;

  /** An attempt on {@code channel}, a new channel made for it, not yet registered. */
  ConnectAttempt(MqttOptions options, Broker broker, EventLoop io, Supplier<Channel> newChannel,
      Listener listener) {
    this.options = options;
    this.broker = broker;
    this.io = io;
    this.listener = listener;
    this.channel = newChannel.get();
  }

  Broker broker() {
    return broker;
  }

  Channel channel() {
    return channel;
  }

  /** Starts the attempt: resolves the host, registers the channel, connects it. */
  void start() {
    deadline = io.schedule(this::timedOut, options.connectTimeout().toNanos(),
        TimeUnit.NANOSECONDS);
    InetSocketAddress address;
    try {
      address = new InetSocketAddress(InetAddress.getByName(broker.host()), broker.port());
    } catch (UnknownHostException e) {
      fail(new BrokerUnreachableException(broker.host(), broker.port(), e));
      return;
    }
    io.register(channel).addListener(registered -> {
      if (!registered.isSuccess()) {
        fail(new MqttException("cannot register a channel on the loop's event loop: "
            + registered.cause(), registered.cause()));
      } else if (!ended) {
        channel.connect(address).addListener(this::tcpConnected);
      }
    });
  }

  /** CONNACK arrived: the broker accepted, or refused with a return code. */
  void connAck(MqttConnAckMessage connAck) {
    MqttConnectReturnCode code = connAck.variableHeader().connectReturnCode();
    if (code != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
      fail(refusal(code));
      return;
    }
    end();
    listener.accepted(this, connAck.variableHeader().isSessionPresent());
  }

  /** The channel failed or closed before CONNACK, by FIN or by reset: the broker ended it. */
  void closedBeforeConnAck(@Nullable Throwable cause) {
    String message = "the broker at " + broker + " closed the connection before answering"
        + " CONNECT";
    fail(cause == null ? new MqttProtocolException(message)
        : new MqttProtocolException(message + ": " + cause.getMessage(), cause));
  }

  /** The attempt ends as {@code cause} says; its channel is closed. */
  void fail(Throwable cause) {
    if (ended) {
      return;
    }
    end();
    log.debug("Connect to {} failed: {}", broker, cause.toString());
    channel.close();
    listener.failed(this, cause);
  }

  /** Gives the attempt up without a word to the listener, as a command ending the loop does. */
  void abandon() {
    if (!ended) {
      end();
      channel.close();
    }
  }

  private void tcpConnected(Future<? super Void> connected) {
    if (ended) {
      return;
    }
    if (!connected.isSuccess()) {
      fail(new BrokerUnreachableException(broker.host(), broker.port(), connected.cause()));
      return;
    }
    log.debug("TCP connected to {}", broker);
    TransportLayers.whenReady(channel, this::sendConnect, this::fail);
  }

  /** The transport is ready for MQTT: CONNECT goes out, and the answer is read. */
  private void sendConnect() {
    if (ended) {
      return;
    }
    log.debug("Sending CONNECT to {}", broker);
    channel.writeAndFlush(Packets.connect(options), channel.voidPromise());
    channel.read();
  }

  private void timedOut() {
    String waitingFor = !channel.isActive() ? "the TCP connection"
        : Objects.requireNonNullElse(TransportLayers.awaitedStep(channel), "CONNACK");
    fail(new MqttConnectTimeoutException(broker.host(), broker.port(), options.connectTimeout(),
        waitingFor));
  }

  private MqttException refusal(MqttConnectReturnCode code) {
    int value = Byte.toUnsignedInt(code.byteValue());
    if (value < 1 || value > 5) {
      return new MqttProtocolException("the broker answered CONNECT with the reserved return code "
          + value);
    }
    return new ConnectionRefusedException(broker.host(), broker.port(),
        ConnectReturnCode.of(value));
  }

  private void end() {
    ended = true;
    ScheduledFuture<?> current = deadline;
    deadline = null;
    if (current != null) {
      current.cancel(false);
    }
  }
}
