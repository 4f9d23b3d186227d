package io.mqttloop.tck.scripted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bare MQTT client made of Netty and its MQTT codec, to drive the scripted broker without the
 * mqttloop client. It sends exactly what a test gives it and queues everything it receives.
 */
final class PlainClient implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(
      1, new DefaultThreadFactory("plain-client", true), NioIoHandler.newFactory());
  private final BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
  private final AtomicInteger publishesReceived = new AtomicInteger();
  private final AtomicInteger lastPublishIndex = new AtomicInteger(-1);
  private final AtomicInteger publishesOutOfOrder = new AtomicInteger();
  private final AtomicInteger lastPublishId = new AtomicInteger(-1);
  private final Channel channel;
  private volatile boolean discardingPublishes;

  private PlainClient(ScriptedBroker broker) {
    this.channel = new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .handler(new Pipeline())
        .connect(broker.host(), broker.port())
        .syncUninterruptibly()
        .channel();
  }

  /** Opens a TCP connection to the broker and sends nothing yet. */
  static PlainClient connectTo(ScriptedBroker broker) {
    return new PlainClient(broker);
  }

  /** Opens a TCP connection to the broker and sends a CONNECT. */
  static PlainClient connectAndSendConnect(ScriptedBroker broker) {
    PlainClient client = connectTo(broker);
    client.send(ClientPackets.connect("plain-client"));
    return client;
  }

  void send(MqttMessage packet) {
    channel.writeAndFlush(packet).syncUninterruptibly();
  }

  /** Writes bytes past the encoder, for packets the encoder would refuse to make. */
  void sendRaw(byte... bytes) {
    channel.writeAndFlush(Unpooled.wrappedBuffer(bytes)).syncUninterruptibly();
  }

  /** The next packet from the broker; fails when none comes within the timeout. */
  MqttMessage nextPacket() {
    try {
      MqttMessage packet = received.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (packet == null) {
        throw new AssertionError("the client received nothing within " + TIMEOUT);
      }
      return packet;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The next packet from the broker, which must be of {@code type}. */
  MqttMessage nextPacket(MqttMessageType type) {
    MqttMessage packet = nextPacket();
    assertEquals(type, packet.fixedHeader().messageType(), () -> "received " + packet);
    return packet;
  }

  /** The packet identifier of a packet whose variable header is only that identifier. */
  static int idOf(MqttMessage packet) {
    return ((MqttMessageIdVariableHeader) packet.variableHeader()).messageId();
  }

  /**
   * Stops reading from the socket, so that what the broker writes piles up in the operating
   * system's buffers.
   */
  void stopReading() {
    channel.config().setAutoRead(false);
  }

  /** Reads from the socket again, after {@link #stopReading()}. */
  void resumeReading() {
    channel.config().setAutoRead(true);
  }

  /**
   * Counts every later PUBLISH and checks that flood indexes (a payload's first four bytes) come
   * in order, but queues none.
   */
  void discardPublishes() {
    discardingPublishes = true;
  }

  /** How many PUBLISH packets arrived, queued or not. */
  int publishesReceived() {
    return publishesReceived.get();
  }

  /** The flood index of the last PUBLISH discarded, or -1 when none was. */
  int lastPublishIndex() {
    return lastPublishIndex.get();
  }

  /** The packet identifier of the last PUBLISH discarded, 0 at QoS 0, or -1 when none was. */
  int lastPublishId() {
    return lastPublishId.get();
  }

  /** How many discarded PUBLISH packets did not carry the flood index after the last one's. */
  int publishesOutOfOrder() {
    return publishesOutOfOrder.get();
  }

  boolean isOpen() {
    return channel.isOpen();
  }

  void awaitClosed() {
    assertTrue(channel.closeFuture().awaitUninterruptibly(TIMEOUT.toMillis()),
        "the client's connection is still open after " + TIMEOUT);
  }

  /** Closes the connection and stops the client's thread; calling it again does nothing. */
  @Override
  public void close() {
    if (group.isShuttingDown()) {
      return;
    }
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** The MQTT codec, then the collector. */
  private final class Pipeline extends ChannelInitializer<SocketChannel> {
    @Override
    protected void initChannel(SocketChannel socket) {
      socket.pipeline().addLast(new MqttDecoder(), MqttEncoder.INSTANCE, new Collector());
    }
  }

  /**
   * Queues what arrives; a PUBLISH gets a heap copy of its payload so nothing needs release. A
   * discarded PUBLISH is only counted, and its flood index checked.
   */
  private final class Collector extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof MqttPublishMessage publish && discardingPublishes) {
        publishesReceived.incrementAndGet();
        ByteBuf content = publish.content();
        int index = content.readableBytes() >= Integer.BYTES
            ? content.getInt(content.readerIndex()) : -1;
        if (index != lastPublishIndex.getAndSet(index) + 1) {
          publishesOutOfOrder.incrementAndGet();
        }
        lastPublishId.set(Math.max(publish.variableHeader().packetId(), 0));
        publish.release();
        return;
      }
      if (msg instanceof MqttPublishMessage publish) {
        publishesReceived.incrementAndGet();
        byte[] payload = ByteBufUtil.getBytes(publish.content());
        received.add(publish.replace(Unpooled.wrappedBuffer(payload)));
        publish.release();
        return;
      }
      received.add((MqttMessage) msg);
    }
  }
}
