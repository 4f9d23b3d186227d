package io.mqttloop.tck.scripted;

import io.mqttloop.tck.signal.Changes;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake MQTT 3.1.1 broker that follows a script, for the faults a real broker cannot be made to
 * commit.
 *
 * <p>It listens on a free port of 127.0.0.1. By default it plays a well-behaved broker: it
 * accepts every CONNECT with Session Present 0, acknowledges each QoS 1 PUBLISH with PUBACK and
 * each QoS 2 PUBLISH with PUBREC, answers PUBREL with PUBCOMP, SUBSCRIBE with a SUBACK that grants
 * the requested QoS (unless {@link #subackWith} says otherwise), UNSUBSCRIBE with UNSUBACK and
 * PINGREQ with PINGRESP. It sends nothing of its own accord and keeps no session: a test sends
 * what it wants with {@link #send} (packets from {@link BrokerPackets}), {@link #sendRaw} (bytes
 * from {@link RawPackets}) or {@link #flood}.
 *
 * <p>Every packet a client sends is recorded, decoded, in arrival order, with the index of the
 * connection it came on and the first byte as the client wrote it. The broker answers a packet
 * before it records it, so once a test sees a packet, the answer to it is already written, or
 * held.
 *
 * <p>A test serves one client at a time; the broker accepts further connections (a reconnect,
 * say) and plays the same script on each. Methods that act on "the connection" act on the one
 * accepted last.
 *
 * <p>Threads: the broker runs on one event loop thread of its own, named
 * {@code scripted-broker-*}, which {@link #close()} stops. Every method may be called from any
 * other thread, concurrently with the packets the event loop records; the {@code await} methods
 * block the calling thread and must not be called from the event loop. A {@link Flood} writes on
 * the event loop too, a few hundred packets a turn, so the broker keeps answering meanwhile.
 *
 * <pre>{@code
 * try (ScriptedBroker broker = ScriptedBroker.start().holdAcks()) {
 *   // connect the client under test to broker.host() and broker.port(), publish at QoS 1 ...
 *   broker.awaitHeldAcks(1, Duration.ofSeconds(5));
 *   broker.releaseAllAcks();
 * }
 * }</pre>
 */
public final class ScriptedBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScriptedBroker.class);

  /**
   * Bytes waiting in a connection's outbound buffer at which the broker's channel stops being
   * writable, and a {@link Flood} pauses: the most a flood keeps in the broker's memory, give or
   * take one packet.
   */
  public static final int HIGH_WATER_MARK = 32 * 1024;

  /** Bytes waiting in a connection's outbound buffer below which a paused {@link Flood} goes on. */
  public static final int LOW_WATER_MARK = 8 * 1024;

  /**
   * The socket send buffer the broker asks for on each connection. Fixing it keeps the operating
   * system from growing it to megabytes, so that a {@link Flood} runs only a little ahead of a
   * client that does not read; Linux doubles the value asked for.
   */
  public static final int SOCKET_SEND_BUFFER = 64 * 1024;

  private static final String HOST = "127.0.0.1";
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

  private final EventLoopGroup group;
  private final int port;
  private final BrokerScript script = new BrokerScript();
  private final Changes changes = new Changes("the scripted broker");
  private final Recording recording = new Recording(changes);
  private final HeldAcks heldAcks = new HeldAcks(changes);
  private final AtomicBoolean closed = new AtomicBoolean();

  private ScriptedBroker(EventLoopGroup group) {
    this.group = group;
    Channel server = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.SO_SNDBUF, SOCKET_SEND_BUFFER)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
            new WriteBufferWaterMark(LOW_WATER_MARK, HIGH_WATER_MARK))
        .childHandler(new ScriptedChannelInitializer(script, recording, heldAcks))
        .bind(HOST, 0)
        .syncUninterruptibly()
        .channel();
    this.port = ((InetSocketAddress) server.localAddress()).getPort();
  }

  /**
   * Starts a broker with the default script on a free port of 127.0.0.1, and returns once it
   * listens. Close it when the test ends.
   *
   * @throws RuntimeException when it cannot listen; nothing is left running then
   */
  public static ScriptedBroker start() {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(
        1, new DefaultThreadFactory("scripted-broker", true), NioIoHandler.newFactory());
    try {
      ScriptedBroker broker = new ScriptedBroker(group);
      LOG.debug("scripted broker listening on {}:{}", HOST, broker.port());
      return broker;
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly();
      throw e;
    }
  }

  /** The address the broker listens on: always {@code 127.0.0.1}. */
  public String host() {
    return HOST;
  }

  /** The port the broker listens on, chosen free by the system at start. */
  public int port() {
    return port;
  }

  /**
   * Answers every later CONNECT as {@code connack} says, on every connection.
   *
   * @return this broker, to chain further script steps
   */
  public ScriptedBroker connack(ConnackScript connack) {
    script.connacks(List.of(connack));
    return this;
  }

  /**
   * Answers the CONNECT of each connection with its own script: the first connection with
   * {@code first}, the next with the first of {@code then}, and so on; connections beyond the
   * list get its last script. For example {@code connacks(refuse(3), accept())} refuses the
   * first attempt and accepts the reconnect. Connection indexes count from the broker's start.
   *
   * @return this broker, to chain further script steps
   */
  public ScriptedBroker connacks(ConnackScript first, ConnackScript... then) {
    List<ConnackScript> scripts = new ArrayList<>();
    scripts.add(first);
    scripts.addAll(List.of(then));
    script.connacks(scripts);
    return this;
  }

  /**
   * Holds back every later PUBACK, PUBREC and PUBCOMP until the test releases it with
   * {@link #releaseAcks}, {@link #releaseAck} or {@link #releaseAllAcks}. A QoS 2 publish in
   * hold mode needs two releases: its PUBREC, then the PUBCOMP for the PUBREL that follows. The
   * acks held for a connection are dropped when it closes. SUBACK and UNSUBACK are held apart,
   * by {@link #holdSubscriptionAcks()}.
   *
   * @return this broker, to chain further script steps
   */
  public ScriptedBroker holdAcks() {
    script.holdingAcks(true);
    return this;
  }

  /**
   * Acknowledges every later publish and PUBREL at once again (the default). Acks already held
   * stay held until released.
   *
   * @return this broker, to chain further script steps
   */
  public ScriptedBroker ackAutomatically() {
    script.holdingAcks(false);
    return this;
  }

  /**
   * Holds back every later SUBACK and UNSUBACK, so that a test can watch a subscribe or
   * unsubscribe stay pending. They join the publish acks of {@link #holdAcks()} in one queue, in
   * the order their requests arrived, and are released, counted and dropped the same way. A held
   * SUBACK keeps the return codes the SUBACK script gave when its SUBSCRIBE arrived.
   *
   * @return this broker, to chain further script steps
   */
  public ScriptedBroker holdSubscriptionAcks() {
    script.holdingSubscriptionAcks(true);
    return this;
  }

  /**
   * Answers every later SUBSCRIBE and UNSUBSCRIBE at once again (the default). Acks already held
   * stay held until released.
   *
   * @return this broker, to chain further script steps
   */
  public ScriptedBroker ackSubscriptionsAutomatically() {
    script.holdingSubscriptionAcks(false);
    return this;
  }

  /**
   * Answers each topic filter of every later SUBSCRIBE as {@code suback} says, replacing the
   * SUBACK script so far. The default is {@link SubackScript#grantAsRequested()}.
   *
   * @return this broker, to chain further script steps
   */
  public ScriptedBroker subackWith(SubackScript suback) {
    script.suback(current -> suback);
    return this;
  }

  /**
   * Refuses every later subscription to exactly {@code filter} with return code 0x80, and
   * answers other filters as before. Filters are compared as strings, not matched.
   *
   * @return this broker, to chain further script steps
   */
  public ScriptedBroker refuseSubscriptionsTo(String filter) {
    script.suback(current -> current.refusing(filter));
    return this;
  }

  /**
   * Grants no later subscription a QoS above {@code maxQos}, and otherwise answers as before: a
   * request for QoS 2 under {@code grantAtMost(1)} gets 1, a refusal stays a refusal.
   *
   * @return this broker, to chain further script steps
   * @throws IllegalArgumentException when {@code maxQos} is not 0 to 2
   */
  public ScriptedBroker grantAtMost(int maxQos) {
    script.suback(current -> current.grantingAtMost(maxQos));
    return this;
  }

  /**
   * Stops answering, without closing anything: every later packet is still recorded, but gets no
   * answer and no held ack, as over a link that died silently.
   *
   * @return this broker, to chain further script steps
   */
  public ScriptedBroker silence() {
    script.silent(true);
    return this;
  }

  /**
   * Stops reading from the connection accepted last, as a broker too busy to read would: what
   * the client writes stays in TCP's buffers and, once they are full, in the client. Returns once
   * reading has stopped.
   *
   * @throws AssertionError when no client has connected
   */
  public void stopReading() {
    Channel channel = recording.latestConnection().channel();
    channel.eventLoop().submit(() -> channel.config().setAutoRead(false)).awaitUninterruptibly();
  }

  /**
   * Reads from the connection accepted last again, after {@link #stopReading()}.
   *
   * @throws AssertionError when no client has connected
   */
  public void resumeReading() {
    Channel channel = recording.latestConnection().channel();
    channel.eventLoop().submit(() -> channel.config().setAutoRead(true)).awaitUninterruptibly();
  }

  /**
   * Answers later packets again, after {@link #silence()}. Packets that came while silent stay
   * unanswered.
   *
   * @return this broker, to chain further script steps
   */
  public ScriptedBroker resumeAnswering() {
    script.silent(false);
    return this;
  }

  /**
   * How many acks the broker holds: the client's publishes, PUBRELs and (when held) SUBSCRIBEs
   * and UNSUBSCRIBEs it has not answered.
   */
  public int heldAckCount() {
    return heldAcks.count();
  }

  /**
   * Waits until the broker holds at least {@code count} acks, and returns then.
   *
   * @throws AssertionError when it holds fewer once the timeout has passed
   */
  public void awaitHeldAcks(int count, Duration timeout) {
    changes.await(() -> Optional.of(count).filter(n -> heldAcks.count() >= n), timeout)
        .orElseThrow(() -> new AssertionError("expected " + count + " held acks within "
            + timeout + ", but the broker holds " + heldAcks.describe() + "; "
            + recording.describe()));
  }

  /**
   * Sends the {@code count} oldest held acks, in the order their requests arrived, and returns
   * once they are written to the socket.
   *
   * @throws AssertionError when fewer than {@code count} acks are held, or a write fails
   */
  public void releaseAcks(int count) {
    heldAcks.releaseOldest(count);
  }

  /**
   * Sends the oldest held ack for {@code packetId}, and returns once it is written.
   *
   * @throws AssertionError when no ack for that packet id is held, or the write fails
   */
  public void releaseAck(int packetId) {
    heldAcks.release(packetId);
  }

  /**
   * Sends every held ack, in the order their requests arrived, and returns once they are
   * written.
   *
   * @return how many acks were released
   * @throws AssertionError when a write fails
   */
  public int releaseAllAcks() {
    return heldAcks.releaseAll();
  }

  /** Every packet received so far, on every connection, in arrival order; a snapshot. */
  public List<ReceivedPacket> received() {
    return recording.packets();
  }

  /** The packets of one type received so far, in arrival order; a snapshot. */
  public List<ReceivedPacket> received(MqttMessageType type) {
    return received().stream().filter(ReceivedPacket.ofType(type)).toList();
  }

  /** How many connections the broker has accepted so far, open or closed. */
  public int connectionCount() {
    return recording.connectionCount();
  }

  /**
   * Waits for the packet at {@code index} in arrival order (0 is the first packet on any
   * connection), and returns it once it has arrived.
   *
   * @throws AssertionError when fewer packets arrive within the timeout, listing those that did
   * @throws IllegalArgumentException when {@code index} is negative
   */
  public ReceivedPacket awaitPacket(int index, Duration timeout) {
    if (index < 0) {
      throw new IllegalArgumentException("index must be 0 or more, was " + index);
    }
    return recording.awaitPackets(index + 1, packet -> true, timeout, "packet #" + index)
        .get(index);
  }

  /**
   * Waits for the first packet of {@code type}, and returns it once it has arrived.
   *
   * @throws AssertionError when none arrives within the timeout, listing what did
   */
  public ReceivedPacket awaitPacket(MqttMessageType type, Duration timeout) {
    return recording.awaitPackets(1, ReceivedPacket.ofType(type), timeout, "a " + type).get(0);
  }

  /**
   * Waits for the first packet that matches, and returns it once it has arrived.
   *
   * @throws AssertionError when none arrives within the timeout, listing what did
   */
  public ReceivedPacket awaitPacket(Predicate<? super ReceivedPacket> matching, Duration timeout) {
    return recording.awaitPackets(1, matching, timeout, "a matching packet").get(0);
  }

  /**
   * Waits for the first {@code count} packets that match, and returns them in arrival order once
   * they have all arrived.
   *
   * @throws AssertionError when fewer arrive within the timeout, listing what did
   * @throws IllegalArgumentException when {@code count} is negative
   */
  public List<ReceivedPacket> awaitPackets(
      int count, Predicate<? super ReceivedPacket> matching, Duration timeout) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be 0 or more, was " + count);
    }
    return recording.awaitPackets(count, matching, timeout, count + " matching packets");
  }

  /**
   * Waits until the client closes the connection accepted last, as it must after DISCONNECT
   * (MQTT-3.14.4-1), and returns once it has.
   *
   * @throws AssertionError when no client has connected, the connection is still open after the
   *     timeout, or the broker closed it itself
   */
  public void awaitClientClosed(Duration timeout) {
    recording.awaitClientClosed(recording.latestConnection(), timeout);
  }

  /**
   * Waits until the client closes connection {@code connection} (0 is the first the broker
   * accepted), and returns once it has.
   *
   * @throws AssertionError when there is no such connection, it is still open after the
   *     timeout, or the broker closed it itself
   */
  public void awaitClientClosed(int connection, Duration timeout) {
    recording.awaitClientClosed(recording.connection(connection), timeout);
  }

  /**
   * Sends a packet to the client on the connection accepted last, whatever the protocol state:
   * a PUBACK for an id not in flight, a second CONNACK, a PUBLISH. Returns once it is written to
   * the socket. {@link BrokerPackets} makes the usual ones.
   *
   * @throws AssertionError when no client has connected, the connection is closed, or the write
   *     fails
   */
  public void send(MqttMessage packet) {
    recording.latestConnection().send(packet);
  }

  /**
   * Sends bytes as they are, bypassing the encoder, on the connection accepted last; for
   * malformed packets, which {@link RawPackets} makes. Returns once they are written to the
   * socket.
   *
   * @throws AssertionError when no client has connected, the connection is closed, or the write
   *     fails
   */
  public void sendRaw(byte[] bytes) {
    recording.latestConnection().send(Unpooled.wrappedBuffer(bytes.clone()));
  }

  /**
   * Starts a {@link #flood(int, int, String, int) flood} at QoS 0.
   *
   * @throws AssertionError when no client has connected
   * @throws IllegalArgumentException when {@code count} or {@code payloadBytes} is negative
   */
  public Flood flood(int count, int payloadBytes, String topic) {
    return flood(count, payloadBytes, topic, 0);
  }

  /**
   * Starts writing {@code count} PUBLISH packets to the client on the connection accepted last,
   * as fast as the client reads them and no faster, and returns at once. The returned
   * {@link Flood} counts the packets written so far, waits for the rest, or stops; its Javadoc
   * describes the payloads, the packet identifiers and how far the operating system's buffers
   * let a flood run ahead of a client that does not read. The client's answers (PUBACK at QoS 1)
   * are recorded like any packet. On a connection that is closed already the flood ends at once
   * with nothing written.
   *
   * @param payloadBytes the payload size of every packet
   * @param qos 0 or 1: a QoS 2 flood would need a PUBREL per packet, which a test sends itself
   * @throws AssertionError when no client has connected
   * @throws IllegalArgumentException when {@code count} or {@code payloadBytes} is negative or
   *     {@code qos} is not 0 or 1
   */
  public Flood flood(int count, int payloadBytes, String topic, int qos) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be 0 or more, was " + count);
    }
    if (payloadBytes < 0) {
      throw new IllegalArgumentException("payloadBytes must be 0 or more, was " + payloadBytes);
    }
    if (qos < 0 || qos > 1) {
      throw new IllegalArgumentException("qos must be 0 or 1, was " + qos);
    }
    Connection connection = recording.latestConnection();
    FloodWriter writer =
        new FloodWriter(connection.channel(), count, payloadBytes, topic, qos);
    Flood flood = new Flood(writer, connection, topic, qos);
    LOG.debug("starting {}", flood);
    writer.start();
    return flood;
  }

  /**
   * Closes the connection accepted last from the broker's side, as a dropped link would, and
   * returns once it is closed. Does nothing when it is closed already.
   *
   * @throws AssertionError when no client has connected
   */
  public void cut() {
    recording.latestConnection().closeByBroker().awaitUninterruptibly();
  }

  /**
   * Closes every connection, stops listening and stops the broker's thread; returns once the
   * thread has finished. Calling it again does nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    LOG.debug("scripted broker on port {} closing", port);
    group.shutdownGracefully(0, SHUTDOWN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
        .awaitUninterruptibly();
  }

  /** The broker's address and what it received, for failure messages. */
  @Override
  public String toString() {
    return "ScriptedBroker[" + HOST + ":" + port + ", " + recording.describe() + "]";
  }
}
