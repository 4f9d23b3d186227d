package io.mqttloop.netty;

import io.mqttloop.BrokerUnreachableException;
import io.mqttloop.Command;
import io.mqttloop.ConnectReturnCode;
import io.mqttloop.Connected;
import io.mqttloop.ConnectionLostException;
import io.mqttloop.ConnectionRefusedException;
import io.mqttloop.Message;
import io.mqttloop.MqttClosedException;
import io.mqttloop.MqttConnectTimeoutException;
import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttException;
import io.mqttloop.MqttOptions;
import io.mqttloop.MqttProtocolException;
import io.mqttloop.MqttState;
import io.mqttloop.Outcome;
import io.mqttloop.Publish;
import io.mqttloop.QoS;
import io.mqttloop.Request;
import io.mqttloop.SessionLostException;
import io.mqttloop.SourceFailedException;
import io.mqttloop.Subscribe;
import io.mqttloop.Unsubscribe;
import io.mqttloop.spi.LoopStage;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event loop over one Netty channel. Public methods hand their work to the Netty event loop;
 * every field below the final ones is touched only there, so no lock is needed.
 */
final class NettyMqttEventLoop
    implements MqttEventLoop, MqttChannelHandler.Listener, Run.Loop, Wire {
  private static final Logger log = LoggerFactory.getLogger(NettyMqttEventLoop.class);

  private enum Phase { NEW, CONNECTING, CONNECTED, CLOSED }

  private final MqttOptions options;
  private final EventLoopSlot eventLoop;
  private final Session session;
  private final Consumer<ChannelPipeline> pipelineSetup;
  private final Receiver receiver;
  private final AtomicReference<Flow.@Nullable Subscriber<? super Message>> earlySubscriber =
      new AtomicReference<>();
  private final RequestAcknowledgements acknowledgements;
  private final Runnable flushTask = this::scheduledFlush;
  private final Runnable pumpTask = this::scheduledPump;

  private Phase phase = Phase.NEW;
  private @Nullable Channel channel;
  private @Nullable LoopStage<Connected> connecting;
  private @Nullable ScheduledFuture<?> connectDeadline;
  private @Nullable Run run;
  private volatile @Nullable Throwable failure;
  private volatile String closedBecause = "";
  private volatile MqttState finalState;
  private boolean pingOutstanding;
  private int unconfirmedWrites;
  private boolean flushPending;
  private boolean flushScheduled;
  private boolean pumpScheduled;
  private boolean pumping;
  private boolean pumpAgain;
  private int connection;

  /**
   * A loop on the event loop of {@code eventLoop}; {@code pipelineSetup} sees each new channel's
   * pipeline once the loop's handlers are in, so that a test can watch what the loop writes.
   */
  NettyMqttEventLoop(MqttOptions options, EventLoopSlot eventLoop, MqttState state,
      Consumer<ChannelPipeline> pipelineSetup) {
    this.options = options;
    this.eventLoop = eventLoop;
    this.finalState = state;
    this.session = Session.resume(state, options.maxInflight());
    this.pipelineSetup = pipelineSetup;
    this.receiver = new Receiver(options, this);
    this.acknowledgements = new RequestAcknowledgements(session.inFlight(), this);
  }

  @Override
  public CompletionStage<Connected> connect() {
    LoopStage<Connected> stage = new LoopStage<>();
    submitOrFail(stage, () -> connectOnLoop(stage));
    return stage;
  }

  @Override
  public CompletionStage<Outcome> run(Flow.Publisher<? extends Request> requests) {
    Objects.requireNonNull(requests, "requests");
    Run newRun = new Run(this);
    if (eventLoop.ifMade() == null) {
      newRun.outcome.fail(notConnectedYet());
      return newRun.outcome;
    }
    submitOrFail(newRun.outcome, () -> startRun(newRun));
    subscribe(newRun, requests);
    return newRun.outcome;
  }

  @Override
  public <R> CompletionStage<R> execute(Command<R> command) {
    Objects.requireNonNull(command, "command");
    LoopStage<R> stage = new LoopStage<>();
    submitOrFail(stage, () -> executeOnLoop(command, stage), () -> executeClosed(command, stage));
    return stage;
  }

  @Override
  public Flow.Publisher<Message> messages() {
    return this::subscribeToMessages;
  }

  /**
   * A subscriber that comes before the loop has an event loop waits for the connect, so that
   * subscribing holds no thread; one that comes later goes straight to the inbox.
   */
  private void subscribeToMessages(Flow.Subscriber<? super Message> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    if (eventLoop.ifMade() != null) {
      receiver.messages().subscribe(subscriber);
    } else if (earlySubscriber.compareAndSet(null, subscriber)) {
      if (eventLoop.ifMade() != null && earlySubscriber.compareAndSet(subscriber, null)) {
        receiver.messages().subscribe(subscriber);
      }
    } else {
      Inbox.refuse(subscriber);
    }
  }

  /** Hands a subscriber that came before the event loop to the inbox, now that it runs. */
  private void attachEarlySubscriber() {
    Flow.Subscriber<? super Message> early = earlySubscriber.getAndSet(null);
    if (early != null) {
      receiver.messages().subscribe(early);
    }
  }

  @Override
  public MqttOptions options() {
    return options;
  }

  @Override
  public String toString() {
    return "NettyMqttEventLoop[" + options.host() + ":" + options.port() + ", clientId="
        + options.clientId() + "]";
  }

  // ---- Connecting -------------------------------------------------------------------------

  private void connectOnLoop(LoopStage<Connected> stage) {
    attachEarlySubscriber();
    if (phase != Phase.NEW) {
      stage.fail(phase == Phase.CLOSED ? closed()
          : new IllegalStateException("connect() was already called on this loop"));
      return;
    }
    phase = Phase.CONNECTING;
    connecting = stage;
    connectDeadline = eventLoop.get().schedule(this::connectTimedOut,
        options.connectTimeout().toNanos(), TimeUnit.NANOSECONDS);
    InetSocketAddress address;
    try {
      address = new InetSocketAddress(InetAddress.getByName(options.host()), options.port());
    } catch (UnknownHostException e) {
      connectFailed(new BrokerUnreachableException(options.host(), options.port(), e));
      return;
    }
    openChannel(address);
  }

  /** Registers a new channel and connects it, without a Bootstrap and its resolver group. */
  private void openChannel(InetSocketAddress address) {
    NioSocketChannel newChannel = new NioSocketChannel();
    newChannel.config().setOption(ChannelOption.TCP_NODELAY, true);
    newChannel.config().setAutoRead(false);
    if (options.keepAliveSeconds() > 0) {
      newChannel.pipeline().addLast("keepAlive",
          new IdleStateHandler(0, options.keepAliveSeconds(), 0, TimeUnit.SECONDS));
    }
    newChannel.pipeline()
        .addLast("decoder", new MqttDecoder(options.maxPacketSize()))
        .addLast("encoder", MqttEncoder.INSTANCE)
        .addLast("loop", new MqttChannelHandler(this));
    pipelineSetup.accept(newChannel.pipeline());
    channel = newChannel;
    eventLoop.get().register(newChannel).addListener(registered -> {
      if (!registered.isSuccess()) {
        connectFailed(new MqttException("cannot register a channel on the loop's event loop: "
            + registered.cause(), registered.cause()));
      } else if (phase == Phase.CONNECTING) {
        newChannel.connect(address).addListener(this::tcpConnected);
      }
    });
  }

  private void tcpConnected(Future<? super Void> connected) {
    Channel current = channel;
    if (phase != Phase.CONNECTING || current == null) {
      return;
    }
    if (!connected.isSuccess()) {
      connectFailed(new BrokerUnreachableException(options.host(), options.port(),
          connected.cause()));
      return;
    }
    log.debug("TCP connected to {}:{}, sending CONNECT", options.host(), options.port());
    current.writeAndFlush(Packets.connect(options), current.voidPromise());
    current.read();
  }

  private void connectTimedOut() {
    if (phase != Phase.CONNECTING) {
      return;
    }
    Channel current = channel;
    String waitingFor = current != null && current.isActive() ? "CONNACK" : "the TCP connection";
    connectFailed(new MqttConnectTimeoutException(options.host(), options.port(),
        options.connectTimeout(), waitingFor));
  }

  private void connAckArrived(MqttConnAckMessage connAck) {
    if (phase != Phase.CONNECTING) {
      protocolError("the broker sent a second CONNACK");
      return;
    }
    cancelConnectDeadline();
    MqttConnectReturnCode code = connAck.variableHeader().connectReturnCode();
    if (code != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
      connectFailed(refusal(code));
      return;
    }
    boolean sessionPresent = connAck.variableHeader().isSessionPresent();
    log.debug("Connected to {}:{}, session present: {}", options.host(), options.port(),
        sessionPresent);
    phase = Phase.CONNECTED;
    connection++;
    if (sessionPresent) {
      resendInFlight();
    } else {
      startFreshSession();
    }
    LoopStage<Connected> stage = Objects.requireNonNull(connecting);
    connecting = null;
    stage.succeed(new Connected(options.host(), options.port(), sessionPresent));
    pump();
  }

  private MqttException refusal(MqttConnectReturnCode code) {
    int value = Byte.toUnsignedInt(code.byteValue());
    if (value < 1 || value > 5) {
      return new MqttProtocolException("the broker answered CONNECT with the reserved return code "
          + value);
    }
    return new ConnectionRefusedException(options.host(), options.port(),
        ConnectReturnCode.of(value));
  }

  /** Sends again what a resumed state holds in flight, in order, with the same ids. */
  private void resendInFlight() {
    Channel current = Objects.requireNonNull(channel);
    for (InflightTable.Entry entry : session.inFlight().inOrder()) {
      if (entry.released) {
        current.write(Packets.pubrel(entry.packetId), current.voidPromise());
      } else {
        current.write(packetFor(entry.request, entry.packetId, true), current.voidPromise());
      }
    }
    flushPending = true;
  }

  /** The packet that sends {@code request} under {@code packetId}. */
  private static MqttMessage packetFor(Request request, int packetId, boolean duplicate) {
    if (request instanceof Publish publish) {
      return Packets.publish(publish, packetId, duplicate);
    }
    if (request instanceof Subscribe subscribe) {
      return Packets.subscribe(subscribe, packetId);
    }
    return Packets.unsubscribe((Unsubscribe) request, packetId);
  }

  /**
   * The broker holds no session: what was in flight is sent again as new publishes, in order,
   * except QoS 2 publishes whose PUBREC had arrived. The broker that took those discarded them
   * with the session, and sending them anew could deliver them twice: they fail instead.
   */
  private void startFreshSession() {
    List<InflightTable.Entry> entries = session.inFlight().inOrder();
    List<Request> again = new ArrayList<>(entries.size());
    for (InflightTable.Entry entry : entries) {
      session.inFlight().remove(entry.packetId);
      if (entry.released) {
        LoopStages.fail(entry.request, new SessionLostException(options.host(), options.port(),
            entry.request));
      } else {
        again.add(entry.request);
      }
    }
    session.requeueFirst(again);
  }

  private void connectFailed(Throwable cause) {
    LoopStage<Connected> stage = connecting;
    connecting = null;
    log.debug("Connect to {}:{} failed: {}", options.host(), options.port(), cause.toString());
    closeChannel(false, "the connect failed: " + cause);
    if (stage != null) {
      stage.fail(cause);
    }
    whenChannelClosed(this::releaseEventLoop);
  }

  // ---- Running ----------------------------------------------------------------------------

  /**
   * Takes the run on, or refuses it; a refused run's source is cancelled, and the requests it
   * sends all the same are refused one by one, so none is left pending.
   */
  private void startRun(Run newRun) {
    if (phase == Phase.CLOSED) {
      refuseRun(newRun, closed());
    } else if (phase != Phase.CONNECTED) {
      refuseRun(newRun, notConnectedYet());
    } else if (run != null) {
      refuseRun(newRun, new IllegalStateException(
          "a run is already going on this loop: wait for its outcome first"));
    } else {
      run = newRun;
      pump();
    }
  }

  private void refuseRun(Run refused, Throwable why) {
    refused.cancel();
    refused.outcome.fail(why);
  }

  /**
   * Subscribes the run to its source on the caller's thread, so that the source has its
   * subscriber when run() returns; the run's signals go to the loop, after the task that takes
   * the run on. A source that throws ends the run with its error.
   */
  private static void subscribe(Run newRun, Flow.Publisher<? extends Request> requests) {
    try {
      requests.subscribe(newRun);
    } catch (Throwable e) {
      newRun.onError(e);
    }
  }

  @Override
  public boolean submit(Runnable task) {
    EventLoop io = eventLoop.get();
    if (io.inEventLoop()) {
      task.run();
      return true;
    }
    try {
      io.execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  @Override
  public void subscribed(Run subscribedRun) {
    if (subscribedRun == run) {
      pump();
    }
  }

  @Override
  public void requestArrived(Run from, Request request) {
    if (from != run || phase != Phase.CONNECTED) {
      LoopStages.refuse(request, "the run had ended when the source sent it");
      return;
    }
    session.enqueue(request);
    dispatchUnsent();
    flushSoon();
  }

  @Override
  public void sourceEnded(Run endedRun) {
    if (endedRun == run) {
      pump();
    }
  }

  /**
   * Sends what the window allows, asks the source for as much as there is room, flushes. A pump
   * asked for while one is going (the channel turned writable during a flush, say) runs again
   * right after it, so that no wake-up is lost.
   */
  private void pump() {
    if (phase != Phase.CONNECTED) {
      return;
    }
    if (pumping) {
      pumpAgain = true;
      return;
    }
    pumping = true;
    try {
      do {
        pumpAgain = false;
        dispatchUnsent();
        boolean asked = requestMore();
        flushNow();
        if (asked && roomForMore() > 0) {
          schedulePump();
        }
      } while (pumpAgain && phase == Phase.CONNECTED);
    } finally {
      pumping = false;
    }
    finishRunIfDone();
  }

  /** Asks the source for as many requests as the window and the unsent queue leave room for. */
  private boolean requestMore() {
    Run current = run;
    Channel ch = channel;
    if (current == null || !current.isSubscribed() || current.ended() || ch == null
        || !ch.isWritable()) {
      return false;
    }
    long room = roomForMore();
    if (room <= 0) {
      return false;
    }
    current.request(room);
    return true;
  }

  private long roomForMore() {
    Run current = run;
    long asked = current == null ? 0 : current.requested();
    return (long) options.maxInflight() - session.inFlight().size() - session.unsentCount()
        - asked;
  }

  /** Sends unsent requests in order while the window has room for those that take a slot. */
  private void dispatchUnsent() {
    Request next;
    while ((next = session.nextUnsent()) != null) {
      boolean takesASlot = !(next instanceof Publish publish)
          || publish.qos() != QoS.AT_MOST_ONCE;
      if (takesASlot && session.inFlight().size() >= options.maxInflight()) {
        return;
      }
      session.dropNextUnsent();
      send(next);
    }
  }

  private void send(Request request) {
    if (tooLarge(request)) {
      return;
    }
    Channel ch = Objects.requireNonNull(channel);
    flushPending = true;
    if (request instanceof Publish publish && publish.qos() == QoS.AT_MOST_ONCE) {
      unconfirmedWrites++;
      ch.write(Packets.publish(publish, 0, false))
          .addListener((ChannelFuture written) -> qos0Written(publish, written));
      return;
    }
    InflightTable.Entry entry = session.inFlight().add(request);
    log.trace("{} with packet id {}", request, entry.packetId);
    ch.write(packetFor(request, entry.packetId, false), ch.voidPromise());
  }

  /** Fails a request whose packet the options do not allow, before it reaches the wire. */
  private boolean tooLarge(Request request) {
    long size = Packets.sizeOf(request, options.maxPacketSize());
    if (size <= options.maxPacketSize()) {
      return false;
    }
    LoopStages.fail(request, new IllegalArgumentException(request + " makes a packet of " + size
        + " bytes, over maxPacketSize " + options.maxPacketSize()));
    return true;
  }

  /** A failed write leaves the stream in doubt, so the connection is given up as lost. */
  private void qos0Written(Publish publish, ChannelFuture written) {
    unconfirmedWrites--;
    if (written.isSuccess()) {
      LoopStage.of(publish).succeed(publish);
      finishRunIfDone();
      return;
    }
    LoopStage.of(publish).fail(new MqttException("the QoS 0 publish could not be written: "
        + written.cause(), written.cause()));
    if (phase == Phase.CONNECTED) {
      lose(written.cause());
    }
  }

  private void finishRunIfDone() {
    Run current = run;
    if (current == null || !current.ended() || !session.isIdle() || unconfirmedWrites > 0
        || phase != Phase.CONNECTED) {
      return;
    }
    run = null;
    Throwable sourceError = current.sourceError();
    if (sourceError == null) {
      current.outcome.succeed(new Outcome.Completed(session.snapshot()));
    } else {
      current.outcome.fail(new SourceFailedException(sourceError, session.snapshot()));
    }
  }

  // ---- Acknowledgements -------------------------------------------------------------------

  @Override
  public void packetArrived(MqttMessage message) {
    if (phase == Phase.CLOSED) {
      return;
    }
    if (message.decoderResult().isFailure()) {
      Throwable cause = message.decoderResult().cause();
      protocolError(cause instanceof TooLongFrameException
          ? "the broker sent a packet larger than maxPacketSize " + options.maxPacketSize()
          : "the broker sent a malformed packet: " + cause.getMessage(), cause);
      return;
    }
    MqttMessageType type = message.fixedHeader().messageType();
    log.trace("{} arrived", type);
    if (phase == Phase.CONNECTING && type != MqttMessageType.CONNACK) {
      protocolError("the broker sent " + type + " before CONNACK");
      return;
    }
    switch (type) {
      case CONNACK -> connAckArrived((MqttConnAckMessage) message);
      case PUBACK -> acknowledgements.pubAck(packetId(message));
      case PUBREC -> acknowledgements.pubRec(packetId(message));
      case PUBCOMP -> acknowledgements.pubComp(packetId(message));
      case SUBACK -> acknowledgements.subAck((MqttSubAckMessage) message);
      case UNSUBACK -> acknowledgements.unsubAck(packetId(message));
      case PUBLISH -> receiver.publishArrived((MqttPublishMessage) message);
      case PUBREL -> receiver.pubRelArrived(packetId(message));
      case PINGRESP -> pingOutstanding = false;
      default -> protocolError("the broker sent " + type + ", which a client never receives");
    }
  }

  private static int packetId(MqttMessage message) {
    return ((MqttMessageIdVariableHeader) message.variableHeader()).messageId();
  }

  /** Sends what the acks made room for, then reads on unless the inbox is full. */
  @Override
  public void readBatchEnded() {
    pump();
    if (phase != Phase.CLOSED) {
      receiver.readBatchEnded();
    }
  }

  // ---- The wire the collaborators use -----------------------------------------------------

  @Override
  public void write(MqttMessage packet) {
    Channel ch = Objects.requireNonNull(channel);
    ch.write(packet, ch.voidPromise());
  }

  @Override
  public void read() {
    Channel ch = channel;
    if (ch != null && phase != Phase.CLOSED) {
      ch.read();
    }
  }

  @Override
  public boolean writable() {
    Channel ch = channel;
    return ch != null && ch.isWritable();
  }

  @Override
  public int connection() {
    return phase == Phase.CONNECTED ? connection : 0;
  }

  @Override
  public void writabilityChanged() {
    Channel ch = channel;
    if (ch != null && ch.isWritable()) {
      pump();
      receiver.resumeReading();
    }
  }

  /**
   * Nothing was written for the keep-alive interval: sends PINGREQ, or, when the last one is still
   * unanswered, gives the connection up as dead. While reading waits for a slow application, the
   * PINGRESP may sit unread: PINGREQ goes on, so that the broker keeps the connection, and the
   * verdict waits until reading resumes.
   */
  @Override
  public void writerIdle() {
    Channel ch = channel;
    if (phase != Phase.CONNECTED || ch == null) {
      return;
    }
    if (pingOutstanding && !receiver.readingSuspended()) {
      lose(new TimeoutException("no PINGRESP came within " + options.keepAliveSeconds()
          + " s of PINGREQ"));
      return;
    }
    log.trace("PINGREQ after {} s without sending", options.keepAliveSeconds());
    pingOutstanding = true;
    ch.writeAndFlush(Packets.pingreq(), ch.voidPromise());
  }

  // ---- Flushing ---------------------------------------------------------------------------

  /** Flushes once the current batch of work is done, not once per message. */
  @Override
  public void flushSoon() {
    flushPending = true;
    if (!pumping && !flushScheduled) {
      flushScheduled = true;
      eventLoop.get().execute(flushTask);
    }
  }

  private void scheduledFlush() {
    flushScheduled = false;
    flushNow();
  }

  private void flushNow() {
    Channel ch = channel;
    if (flushPending && ch != null) {
      flushPending = false;
      ch.flush();
    }
  }

  private void schedulePump() {
    if (!pumpScheduled) {
      pumpScheduled = true;
      eventLoop.get().execute(pumpTask);
    }
  }

  private void scheduledPump() {
    pumpScheduled = false;
    pump();
  }

  // ---- Ending -----------------------------------------------------------------------------

  private <R> void executeOnLoop(Command<R> command, LoopStage<R> stage) {
    attachEarlySubscriber();
    if (phase == Phase.CLOSED) {
      executeClosed(command, stage);
      return;
    }
    if (command instanceof Command.Disconnect) {
      end(stage, true, new Outcome.Disconnected(stateOnClose()), "disconnected by command");
    } else if (command instanceof Command.Shutdown) {
      end(stage, false, new Outcome.ShutDown(stateOnClose()), "shut down by command");
    }
  }

  /** The state at the end: nothing else is read once the phase is CLOSED, so it is final. */
  private MqttState stateOnClose() {
    return session.snapshot();
  }

  private <R> void end(LoopStage<R> stage, boolean disconnect, Outcome outcome, String why) {
    LoopStage<Connected> stillConnecting = connecting;
    connecting = null;
    Run current = detachRun();
    closeChannel(disconnect && phase == Phase.CONNECTED, why);
    if (stillConnecting != null) {
      stillConnecting.fail(closed());
    }
    whenChannelClosed(() -> {
      if (current != null) {
        current.outcome.succeed(outcome);
      }
      completeWith(stage, outcome);
      releaseEventLoop();
    });
  }

  /** A shutdown of a closed loop returns its last state; any other command fails. */
  private <R> void executeClosed(Command<R> command, LoopStage<R> stage) {
    if (command instanceof Command.Shutdown) {
      completeWith(stage, new Outcome.ShutDown(finalState));
    } else {
      stage.fail(closed());
    }
  }

  @SuppressWarnings("unchecked")
  private static <R> void completeWith(LoopStage<R> stage, Outcome outcome) {
    stage.succeed((R) outcome);
  }

  @Override
  public void protocolError(String message) {
    protocolError(message, null);
  }

  private void protocolError(String message, @Nullable Throwable cause) {
    log.debug("Protocol error from {}:{}: {}", options.host(), options.port(), message);
    MqttProtocolException error = cause == null ? new MqttProtocolException(message)
        : new MqttProtocolException(message, cause);
    if (phase == Phase.CONNECTING) {
      connectFailed(error);
    } else {
      lose(error);
    }
  }

  @Override
  public void channelFailed(Throwable cause) {
    if (phase == Phase.CONNECTING) {
      connectFailed(closedBeforeConnAck(cause));
    } else if (phase == Phase.CONNECTED) {
      lose(cause);
    }
  }

  @Override
  public void channelClosed() {
    if (phase == Phase.CONNECTING) {
      connectFailed(closedBeforeConnAck(null));
    } else if (phase == Phase.CONNECTED) {
      lose(null);
    }
  }

  /** The broker ended the connection, by FIN or by reset, without answering CONNECT. */
  private MqttProtocolException closedBeforeConnAck(@Nullable Throwable cause) {
    String message = "the broker at " + options.host() + ":" + options.port()
        + " closed the connection before answering CONNECT";
    return cause == null ? new MqttProtocolException(message)
        : new MqttProtocolException(message + ": " + cause.getMessage(), cause);
  }

  /** The connection is gone while connected: the run fails with the state, nothing is lost. */
  private void lose(@Nullable Throwable cause) {
    failure = cause;
    Run current = detachRun();
    String message = "the connection to " + options.host() + ":" + options.port()
        + " was lost" + (cause == null ? ": the broker closed it" : ": " + cause.getMessage());
    log.debug("{}", message);
    closeChannel(false, message);
    MqttState state = stateOnClose();
    if (current != null) {
      current.outcome.fail(new ConnectionLostException(message, cause, state));
    }
    whenChannelClosed(this::releaseEventLoop);
  }

  private void closeChannel(boolean disconnect, String why) {
    phase = Phase.CLOSED;
    closedBecause = why;
    finalState = session.snapshot();
    receiver.connectionClosed();
    cancelConnectDeadline();
    Channel ch = channel;
    if (ch == null) {
      return;
    }
    if (disconnect && ch.isActive()) {
      ch.writeAndFlush(Packets.disconnect()).addListener(written -> ch.close());
    } else {
      ch.close();
    }
  }

  /** Stops the run's source; the requests it still sends are refused. */
  private @Nullable Run detachRun() {
    Run current = run;
    run = null;
    if (current != null) {
      current.cancel();
    }
    return current;
  }

  private void whenChannelClosed(Runnable action) {
    Channel ch = channel;
    if (ch == null || !ch.isRegistered()) {
      action.run();
    } else {
      ch.closeFuture().addListener(closed -> action.run());
    }
  }

  private void cancelConnectDeadline() {
    ScheduledFuture<?> deadline = connectDeadline;
    connectDeadline = null;
    if (deadline != null) {
      deadline.cancel(false);
    }
  }

  private void releaseEventLoop() {
    eventLoop.release();
  }

  private MqttClosedException closed() {
    return new MqttClosedException("the loop is closed: " + closedBecause
        + (failure == null ? "" : " (" + failure + ")"), finalState);
  }

  private static IllegalStateException notConnectedYet() {
    return new IllegalStateException(
        "run() needs a connected loop: call connect() and wait for its stage first");
  }

  /** Hands {@code task} to the event loop; a refusal fails {@code stage}, never the caller. */
  private void submitOrFail(LoopStage<?> stage, Runnable task) {
    submitOrFail(stage, task, () -> stage.fail(closed()));
  }

  /**
   * Hands {@code task} to the event loop, or runs {@code whenClosed} when the loop's own event
   * loop has shut down; any other refusal fails {@code stage}, never the caller.
   */
  private void submitOrFail(LoopStage<?> stage, Runnable task, Runnable whenClosed) {
    try {
      eventLoop.get().execute(task);
    } catch (RejectedExecutionException e) {
      EventLoop made = eventLoop.ifMade();
      if (made != null && made.isShuttingDown()) {
        whenClosed.run();
      } else {
        stage.fail(e);
      }
    } catch (RuntimeException e) {
      stage.fail(e);
    }
  }
}
