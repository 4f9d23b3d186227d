package io.mqttloop.tck.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy that injects faults between the client under test and a broker: it drops the link,
 * black-holes it, delays or throttles it, refuses new connections, or sends them to another
 * broker, on cue.
 *
 * <p>It listens on a free port of 127.0.0.1 ({@link #host()}, {@link #port()}). For each
 * connection it accepts it opens one to the target (the broker) and forwards bytes both ways,
 * unchanged and in the order they came; when one side closes, what that side sent before is
 * still passed on, then the other side is closed too. It serves any number of connections over
 * its life, one after the other or at once, so a reconnecting client finds it again; they are
 * numbered from 0 in the order they were accepted, and the methods that act on "the connection"
 * act on every connection still open.
 *
 * <p>Faults apply to every direction of every connection, the open ones and those accepted
 * later, until they are lifted: {@link #cut()}, {@link #stall()} and {@link #resume()},
 * {@link #delay(Duration)}, {@link #throttle(int)} and {@link #unthrottle()},
 * {@link #refuseNewConnections(boolean)}, {@link #retarget(String, int)}. The proxy never holds
 * more than {@link #MAX_HELD_BYTES} per direction of a connection: beyond that it stops reading
 * the sender until it has passed on what it holds, so TCP pushes back on the sender as it would
 * on a slow link.
 *
 * <p>Threads: the proxy runs on one event loop thread of its own, named {@code fault-proxy-*},
 * which {@link #close()} stops. Every method may be called from any other thread. The
 * {@code await} methods and {@link #close()} block the calling thread and must not be called on
 * the proxy's own thread; the others return once their change is in force on that thread.
 * Delays and pacing are timed by that thread's scheduler: nothing waits by sleeping or spinning.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start(broker.host(), broker.port())) {
 *   // connect the client under test to proxy.host() and proxy.port(), then:
 *   proxy.stall();                      // the link goes silent, nothing is closed
 *   proxy.awaitClientClosed(timeout);   // the client's keep-alive gave up on it
 *   proxy.resume();
 *   proxy.awaitConnections(2, timeout); // and it reconnected
 * }
 * }</pre>
 */
public final class FaultProxy implements AutoCloseable {
  /**
   * The kernel's receive buffer of the proxy's sockets, fixed rather than grown by the kernel:
   * a slowed or stalled link then pushes back on the client soon, as a real bottleneck would,
   * instead of taking megabytes into the proxy's kernel and acknowledging them at once.
   */
  public static final int RECEIVE_BUFFER_BYTES = 32 * 1024;

  /**
   * The most bytes the proxy holds for one direction of one connection, give or take one read
   * of up to 64 KiB: while it holds this many (delayed, paced, stalled, or waiting for a full
   * socket), it stops reading that direction's sender.
   */
  public static final int MAX_HELD_BYTES = 64 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(FaultProxy.class);
  private static final String HOST = "127.0.0.1";
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

  private final EventLoopGroup group;
  private final ProxyThreads threads;
  private final EventLoop loop;
  private final Channel server;
  private final int port;
  private final Faults faults;
  private final Links links = new Links();
  private final AtomicBoolean closed = new AtomicBoolean();

  private FaultProxy(EventLoopGroup group, ProxyThreads threads, InetSocketAddress target) {
    this.group = group;
    this.threads = threads;
    this.loop = group.next();
    this.faults = new Faults(target);
    this.server = new ServerBootstrap()
        .group(loop)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_RCVBUF, RECEIVE_BUFFER_BYTES)
        .childOption(ChannelOption.AUTO_READ, false)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new Acceptor(faults, links))
        .bind(HOST, 0)
        .syncUninterruptibly()
        .channel();
    this.port = ((InetSocketAddress) server.localAddress()).getPort();
  }

  /**
   * Starts a proxy to {@code targetHost:targetPort} on a free port of 127.0.0.1, with no fault
   * in force, and returns once it listens. Nothing connects to the target until a client
   * connects to the proxy. Close it when the test ends.
   *
   * @throws IllegalArgumentException when the port is not 1 to 65535 or the host has no address
   * @throws RuntimeException when the proxy cannot listen; nothing is left running then
   */
  public static FaultProxy start(String targetHost, int targetPort) {
    InetSocketAddress target = resolve(targetHost, targetPort);
    ProxyThreads threads = new ProxyThreads();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, threads, NioIoHandler.newFactory());
    try {
      FaultProxy proxy = new FaultProxy(group, threads, target);
      LOG.debug("fault proxy listening on {}:{}, forwarding to {}", HOST, proxy.port, target);
      return proxy;
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly();
      throw e;
    }
  }

  /** The address the proxy listens on: always {@code 127.0.0.1}. */
  public String host() {
    return HOST;
  }

  /** The port the proxy listens on, chosen free by the system at start; it never changes. */
  public int port() {
    return port;
  }

  /** The target that connections accepted from now on are forwarded to. */
  public InetSocketAddress target() {
    return faults.target();
  }

  /**
   * Forwards the connections accepted from now on to {@code host:port}, for failover tests;
   * connections already open stay with their target. Returns once the next connection accepted
   * goes to the new target.
   *
   * @throws IllegalArgumentException when the port is not 1 to 65535 or the host has no address
   * @throws IllegalStateException when the proxy is closed
   */
  public void retarget(String host, int port) {
    InetSocketAddress target = resolve(host, port);
    faults.target(target);
    LOG.debug("fault proxy on port {}: new connections go to {}", this.port, target);
    onLoop(() -> { });
  }

  /**
   * Closes every open connection on both sides at once, as a dropped link would: each peer sees
   * the end of the stream, and bytes the proxy still holds are dropped. The proxy goes on
   * listening, so the next connection works as before. Returns once the sockets are closed.
   * Does nothing when no connection is open.
   *
   * @throws IllegalStateException when the proxy is closed
   */
  public void cut() {
    LOG.debug("fault proxy on port {}: cutting every connection", port);
    onLoop(() -> links.open().forEach(link -> link.cut(false)));
  }

  /**
   * Like {@link #cut()}, but resets each socket (SO_LINGER 0) instead of closing it in order:
   * each peer sees "connection reset" rather than the end of the stream. Returns once the
   * sockets are closed.
   *
   * @throws IllegalStateException when the proxy is closed
   */
  public void cutWithReset() {
    LOG.debug("fault proxy on port {}: resetting every connection", port);
    onLoop(() -> links.open().forEach(link -> link.cut(true)));
  }

  /**
   * Stops forwarding in both directions of every connection, open or accepted later, without
   * closing anything: a half-open, black-holed link. Nothing reaches either peer and no FIN is
   * passed on until {@link #resume()}.
   *
   * <p>Nothing is lost either: the proxy keeps reading each sender until it holds
   * {@link #MAX_HELD_BYTES}, then stops reading, so the rest waits in TCP's buffers and then in
   * the sender. Reading that far lets the proxy see a peer close its socket meanwhile, which
   * {@link #awaitClientClosed(Duration)} reports; the other peer learns of it only after
   * {@link #resume()}. Returns once no more bytes are forwarded; bytes handed to a socket
   * before may still arrive. Calling it while stalled does nothing.
   *
   * @throws IllegalStateException when the proxy is closed
   */
  public void stall() {
    LOG.debug("fault proxy on port {}: stalling", port);
    faults.stalled(true);
    onLoop(() -> { });
  }

  /**
   * Forwards again after {@link #stall()}: what was held goes first, in order, then the rest.
   * Returns once forwarding has restarted. Calling it when not stalled does nothing.
   *
   * @throws IllegalStateException when the proxy is closed
   */
  public void resume() {
    LOG.debug("fault proxy on port {}: resuming", port);
    faults.stalled(false);
    onLoop(() -> links.open().forEach(Link::drain));
  }

  /** Whether the proxy is stalled: {@link #stall()} was called and {@link #resume()} not since. */
  public boolean isStalled() {
    return faults.stalled();
  }

  /**
   * Holds every chunk of bytes read from now on, in each direction, for {@code latency} before
   * forwarding it, keeping the order; {@link Duration#ZERO} removes the delay. Chunks read
   * before keep the delay they were read under, and a later chunk never overtakes an earlier
   * one. A round trip through the proxy takes at least twice {@code latency}.
   *
   * @throws IllegalArgumentException when {@code latency} is negative
   * @throws IllegalStateException when the proxy is closed
   */
  public void delay(Duration latency) {
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative, was " + latency);
    }
    checkOpen();
    LOG.debug("fault proxy on port {}: delay {}", port, latency);
    faults.delay(latency);
  }

  /**
   * Limits each direction of each connection to {@code bytesPerSecond}, from now on, keeping the
   * order: bytes leave in slices of about a twentieth of a second's worth, paced by the event
   * loop's scheduler. Combines with {@link #delay(Duration)}: a chunk waits for both. Returns
   * once the new pace is in force.
   *
   * @throws IllegalArgumentException when {@code bytesPerSecond} is 0 or less
   * @throws IllegalStateException when the proxy is closed
   */
  public void throttle(int bytesPerSecond) {
    Throttle throttle = new Throttle(bytesPerSecond);
    LOG.debug("fault proxy on port {}: throttle {} B/s", port, bytesPerSecond);
    faults.throttle(throttle);
    onLoop(() -> links.open().forEach(Link::drain));
  }

  /**
   * Lifts the limit of {@link #throttle(int)}. Returns once bytes flow at full speed again.
   *
   * @throws IllegalStateException when the proxy is closed
   */
  public void unthrottle() {
    LOG.debug("fault proxy on port {}: unthrottled", port);
    faults.throttle(null);
    onLoop(() -> links.open().forEach(Link::drain));
  }

  /**
   * While {@code refuse} is true, resets every new connection as soon as it is accepted,
   * without connecting to the target, as an unreachable broker would: the client's connect
   * fails with a reset, or succeeds and its first read or write fails. Such connections are
   * counted and listed, marked {@link ProxiedConnection#refused()}. Open connections are left
   * alone. Returns once the change applies to the next connection accepted.
   *
   * @throws IllegalStateException when the proxy is closed
   */
  public void refuseNewConnections(boolean refuse) {
    LOG.debug("fault proxy on port {}: refusing new connections {}", port, refuse);
    faults.refusing(refuse);
    onLoop(() -> { });
  }

  /**
   * Lifts every fault: resumes after a stall, removes the delay and the throttle, and accepts
   * new connections again. The target stays as it is. Returns once that is in force.
   *
   * @throws IllegalStateException when the proxy is closed
   */
  public void clearFaults() {
    faults.delay(Duration.ZERO);
    faults.throttle(null);
    faults.refusing(false);
    resume();
  }

  /** How many connections the proxy has accepted so far, refused, open or closed. */
  public int connectionCount() {
    return links.count();
  }

  /** A snapshot of every connection accepted so far, in the order they were accepted. */
  public List<ProxiedConnection> connections() {
    return links.snapshots();
  }

  /**
   * A snapshot of the connection accepted {@code index}-th, counting from 0.
   *
   * @throws IndexOutOfBoundsException when fewer connections have been accepted
   */
  public ProxiedConnection connection(int index) {
    return links.get(index);
  }

  /** A snapshot of the connection accepted last, or empty when none has been accepted. */
  public Optional<ProxiedConnection> latestConnection() {
    int count = links.count();
    return count == 0 ? Optional.empty() : Optional.of(links.get(count - 1));
  }

  /** Bytes written to the target's sockets so far, over every connection. */
  public long bytesToTarget() {
    return connections().stream().mapToLong(ProxiedConnection::bytesToTarget).sum();
  }

  /** Bytes written to the client's sockets so far, over every connection. */
  public long bytesToClient() {
    return connections().stream().mapToLong(ProxiedConnection::bytesToClient).sum();
  }

  /**
   * Waits until the proxy has accepted at least {@code count} connections since it started,
   * refused ones included, and returns then.
   *
   * @return a snapshot of connection {@code count - 1}, taken when it had been accepted
   * @throws AssertionError when fewer connections were accepted within the timeout
   * @throws IllegalArgumentException when {@code count} is less than 1
   */
  public ProxiedConnection awaitConnections(int count, Duration timeout) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be 1 or more, was " + count);
    }
    Optional<ProxiedConnection> reached = links.await(
        all -> all.count() < count ? Optional.empty() : Optional.of(all.get(count - 1)), timeout);
    return reached.orElseThrow(() -> new AssertionError("expected " + count
        + " connections within " + timeout + ", but " + this));
  }

  /**
   * Waits until the client closes (or resets) its side of the connection accepted last, and
   * returns then. It works while stalled too, as long as the client sent no more than
   * {@link #MAX_HELD_BYTES} meanwhile.
   *
   * @return a snapshot of that connection, taken when the client had closed it
   * @throws AssertionError when no connection has been accepted, the client's side is still
   *     open after the timeout, or the proxy closed that side itself
   */
  public ProxiedConnection awaitClientClosed(Duration timeout) {
    int index = latestConnection()
        .orElseThrow(() -> new AssertionError("no client has connected to " + this))
        .index();
    ProxiedConnection connection = awaitConnection(index, c -> !c.client().isOpen(), timeout,
        "the client to close connection #" + index);
    if (connection.client() != SocketState.CLOSED_BY_PEER) {
      throw new AssertionError("connection #" + index
          + " was closed by the proxy, not by the client: " + connection);
    }
    return connection;
  }

  /**
   * Waits until both sides of connection {@code index} (0 is the first accepted) are closed,
   * whoever closed them, and returns then.
   *
   * @return a snapshot of that connection, taken when it had closed
   * @throws AssertionError when it is still open after the timeout
   * @throws IndexOutOfBoundsException when fewer connections have been accepted
   */
  public ProxiedConnection awaitClosed(int index, Duration timeout) {
    links.get(index);
    return awaitConnection(index, c -> !c.isOpen(), timeout, "connection #" + index
        + " to close");
  }

  /**
   * Stops listening, closes every connection on both sides, and stops the proxy's thread;
   * returns once the thread has ended. The port is free again then. Calling it again does
   * nothing. Snapshots may still be read afterwards; every other method throws
   * {@link IllegalStateException}.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    LOG.debug("fault proxy on port {} closing", port);
    loop.submit(() -> {
      server.close();
      links.open().forEach(link -> link.cut(false));
    }).awaitUninterruptibly();
    group.shutdownGracefully(0, SHUTDOWN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
        .awaitUninterruptibly();
    if (!threads.join(SHUTDOWN_TIMEOUT)) {
      LOG.warn("fault proxy on port {}: its thread outlived close()", port);
    }
  }

  /** The proxy's address, target, faults in force and connections, for failure messages. */
  @Override
  public String toString() {
    return "FaultProxy[" + HOST + ":" + port + ", " + faults.describe() + ", "
        + links.count() + " connections: " + connections() + "]";
  }

  private ProxiedConnection awaitConnection(
      int index, Predicate<ProxiedConnection> done, Duration timeout, String what) {
    return links.await(all -> Optional.of(all.get(index)).filter(done), timeout)
        .orElseThrow(() -> new AssertionError("expected " + what + " within " + timeout
            + ", but " + this));
  }

  /** Runs {@code task} on the event loop and returns once it has run. */
  private void onLoop(Runnable task) {
    checkOpen();
    if (loop.inEventLoop()) {
      task.run();
    } else {
      loop.submit(task).syncUninterruptibly();
    }
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("the fault proxy on port " + port + " is closed");
    }
  }

  private static InetSocketAddress resolve(String host, int port) {
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port must be 1 to 65535, was " + port);
    }
    InetSocketAddress address = new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      throw new IllegalArgumentException("host has no address: " + host);
    }
    return address;
  }
}
