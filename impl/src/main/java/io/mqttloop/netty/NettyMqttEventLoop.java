package io.mqttloop.netty;

import io.mqttloop.Broker;
import io.mqttloop.Command;
import io.mqttloop.Connected;
import io.mqttloop.ConnectionLostException;
import io.mqttloop.LifecycleEvent;
import io.mqttloop.Message;
import io.mqttloop.MqttAckTimeoutException;
import io.mqttloop.MqttClosedException;
import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttException;
import io.mqttloop.MqttOptions;
import io.mqttloop.MqttProtocolException;
import io.mqttloop.MqttRunTimeoutException;
import io.mqttloop.MqttState;
import io.mqttloop.Outcome;
import io.mqttloop.PacketTooLargeException;
import io.mqttloop.Publish;
import io.mqttloop.QoS;
import io.mqttloop.ReconnectPolicy;
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
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event loop over a Netty channel, and the next one when the connection is lost and the
 * policy reconnects. Public methods hand their work to the Netty event loop; every field below
 * the final ones is touched only there, so no lock is needed.
 */
final class NettyMqttEventLoop implements MqttEventLoop, MqttChannelHandler.Listener, Run.Loop,
    Wire, ConnectAttempt.Listener {
  private static final Logger log = LoggerFactory.getLogger(NettyMqttEventLoop.class);

  /**
   * The kernel's send buffer, fixed rather than grown by the kernel: bytes there are out of the
   * keep-alive's sight (see {@link LinkWatch}), so they must cross the link within half a
   * keep-alive interval, even a slow link.
   */
  private static final int SEND_BUFFER_BYTES = 64 * 1024;

  /** NEW, then CONNECTING and CONNECTED, with WAITING between attempts, until CLOSED. */
  private enum Phase { NEW, CONNECTING, CONNECTED, WAITING, CLOSED }

  private final MqttOptions options;
  private final EventLoopSlot eventLoop;
  private final Session session;
  private final Consumer<ChannelPipeline> pipelineSetup;
  private final Receiver receiver;
  private final RequestAcknowledgements acknowledgements;
  private final AtomicReference<Flow.@Nullable Subscriber<? super Message>> earlySubscriber =
      new AtomicReference<>();
  private final Runnable flushTask = this::scheduledFlush;
  private final Runnable pumpTask = this::scheduledPump;

  private Phase phase = Phase.NEW;
  private @Nullable Channel channel;
  private @Nullable ConnectAttempt attempt;
  private @Nullable LoopStage<Connected> connecting;
  private @Nullable ScheduledFuture<?> retry;
  private @Nullable ScheduledFuture<?> pingDeadline;
  private @Nullable Run run;
  private volatile @Nullable Throwable failure;
  private volatile String closedBecause = "";
  private volatile MqttState finalState;
  private boolean everConnected;
  private int failedAttempts;
  /** The failed attempts before the present connection, counted on if it breaks the protocol. */
  private int attemptsBeforeConnected;
  private int nextBroker;
  private int connection;
  private boolean pingOutstanding;
  private long pingWrittenAt;
  private int unconfirmedWrites;
  private boolean flushPending;
  private boolean flushScheduled;
  private boolean pumpScheduled;
  private boolean pumping;
  private boolean pumpAgain;
  private boolean paused;
  private final Pacer pacer = new Pacer();
  private final WindowRefill refill;
  private @Nullable ScheduledFuture<?> pacedPump;
  private final ArrayDeque<InflightTable.Entry> resends = new ArrayDeque<>();
  /** The requests of the state the loop was made with, until the first connect takes them. */
  private List<Request> resumed;
  private @Nullable Drain draining;
  private @Nullable LoopStage<Connected> reconnecting;

  /**
   * A loop on the event loop of {@code eventLoop}; {@code pipelineSetup} sees each new channel's
   * pipeline once the loop's handlers are in, so that a test can watch what the loop writes.
   *
   * @throws IllegalArgumentException when {@code state} belongs to another client id
   */
  NettyMqttEventLoop(MqttOptions options, EventLoopSlot eventLoop, MqttState state,
      Consumer<ChannelPipeline> pipelineSetup) {
    if (!state.clientId().isEmpty() && !state.clientId().equals(options.clientId())) {
      throw new IllegalArgumentException("state belongs to client id \"" + state.clientId()
          + "\", and the options name \"" + options.clientId() + "\" (MQTT-3.1.3-2)");
    }
    this.options = options;
    this.eventLoop = eventLoop;
    this.finalState = state;
    this.session = Session.resume(state, options.maxInflight());
    this.resumed = state.requests();
    this.pipelineSetup = pipelineSetup;
    this.refill = new WindowRefill(options.maxInflight(), eventLoop::get, this::pump);
    this.receiver = new Receiver(options, this);
    this.receiver.resume(state.awaitingRelease());
    this.acknowledgements = new RequestAcknowledgements(session, this);
  }

  @Override
  public CompletionStage<Connected> connect() {
    LoopStage<Connected> stage = newStage();
    submitOrFail(stage, () -> connectOnLoop(stage));
    return stage;
  }

  @Override
  public CompletionStage<Outcome> run(Flow.Publisher<? extends Request> requests) {
    Objects.requireNonNull(requests, "requests");
    Run newRun = new Run(this, newStage());
    if (eventLoop.ifMade() == null) {
      newRun.outcome.fail(notConnectedYet());
      return newRun.outcome;
    }
    submitOrFail(newRun.outcome, () -> startRun(newRun));
    subscribe(newRun, requests);
    return newRun.outcome;
  }

  @Override
  public CompletionStage<Outcome> run(Flow.Publisher<? extends Request> requests,
      Duration deadline) {
    Objects.requireNonNull(deadline, "deadline");
    if (deadline.isNegative() || deadline.isZero() || deadline.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("deadline must be within (0, 1 day], was " + deadline);
    }
    CompletionStage<Outcome> outcome = run(requests);
    EventLoop io = eventLoop.ifMade();
    if (io != null) {
      ScheduledFuture<?> timer = io.schedule(() -> runTimedOut(outcome, deadline),
          deadline.toNanos(), TimeUnit.NANOSECONDS);
      outcome.whenComplete((ended, failed) -> timer.cancel(false));
    }
    return outcome;
  }

  /** The run is still going at its deadline: the loop disconnects, and the run fails. */
  private void runTimedOut(CompletionStage<Outcome> outcome, Duration deadline) {
    Run current = run;
    if (current == null || current.outcome != outcome || phase == Phase.CLOSED) {
      return;
    }
    run = null;
    current.cancel();
    MqttState state = snapshot();
    end(this.<Outcome.Disconnected>newStage(), true, new Outcome.Disconnected(state),
        "the run's deadline passed");
    current.outcome.fail(new MqttRunTimeoutException(deadline, state));
  }

  @Override
  public <R> CompletionStage<R> execute(Command<R> command) {
    Objects.requireNonNull(command, "command");
    LoopStage<R> stage = newStage();
    submitOrFail(stage, () -> executeOnLoop(command, stage), () -> executeClosed(command, stage));
    return stage;
  }

  /** A stage that completes where the options say: on their completion executor, or here. */
  private <T> LoopStage<T> newStage() {
    return new LoopStage<>(options.completionExecutor());
  }

  @Override
  public Flow.Publisher<Message> messages() {
    return this::subscribeToMessages;
  }

  @Override
  public MqttOptions options() {
    return options;
  }

  @Override
  public String toString() {
    return "NettyMqttEventLoop[" + options.brokers() + ", clientId=" + options.clientId() + "]";
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

  // ---- Connecting and reconnecting -------------------------------------------------------

  private void connectOnLoop(LoopStage<Connected> stage) {
    attachEarlySubscriber();
    if (phase != Phase.NEW) {
      stage.fail(phase == Phase.CLOSED ? closed()
          : new IllegalStateException("connect() was already called on this loop"));
      return;
    }
    connecting = stage;
    startAttempt();
  }

  private void startAttempt() {
    retry = null;
    phase = Phase.CONNECTING;
    Broker broker = options.brokers().get(nextBroker);
    ConnectAttempt newAttempt;
    try {
      newAttempt = new ConnectAttempt(options, broker, eventLoop.get(), this::newChannel, this);
    } catch (RuntimeException e) {
      attempt = null;
      channel = null;
      attemptFailed(new MqttException("could not set up the connection to " + broker + ": "
          + e, e));
      return;
    }
    attempt = newAttempt;
    channel = newAttempt.channel();
    newAttempt.start();
  }

  /** A channel with the loop's pipeline, reading only when the loop asks. */
  private Channel newChannel() {
    NioSocketChannel newChannel = new NioSocketChannel();
    try {
      setUp(newChannel);
      return newChannel;
    } catch (RuntimeException e) {
      newChannel.unsafe().closeForcibly();
      throw e;
    }
  }

  /** Gives a new channel its options and the loop's pipeline, then the caller's handlers. */
  private void setUp(NioSocketChannel newChannel) {
    newChannel.config().setOption(ChannelOption.TCP_NODELAY, true);
    newChannel.config().setOption(ChannelOption.SO_SNDBUF, SEND_BUFFER_BYTES);
    newChannel.config().setAutoRead(false);
    if (options.keepAliveSeconds() > 0) {
      int interval = options.keepAliveSeconds();
      newChannel.pipeline()
          .addLast("linkWatch", new LinkWatch())
          .addLast("keepAlive", new IdleStateHandler(true, interval, interval, 0,
              TimeUnit.SECONDS));
    }
    TransportLayers.addLayers(newChannel.pipeline(), options, currentBroker());
    newChannel.pipeline()
        .addLast("ackDecoder", new AckDecoder())
        .addLast("decoder", new MqttDecoder(options.maxPacketSize()))
        .addLast("mqttEncoder", MqttEncoder.INSTANCE)
        .addLast("encoder", new BatchEncoder())
        .addLast("loop", new MqttChannelHandler(this));
    pipelineSetup.accept(newChannel.pipeline());
  }

  @Override
  public void accepted(ConnectAttempt accepted, boolean sessionPresent) {
    Broker broker = accepted.broker();
    log.debug("Connected to {}, session present: {}", broker, sessionPresent);
    attempt = null;
    adoptResumed();
    everConnected = true;
    attemptsBeforeConnected = failedAttempts;
    failedAttempts = 0;
    phase = Phase.CONNECTED;
    connection++;
    pingOutstanding = false;
    pingWrittenAt = 0;
    if (sessionPresent) {
      resendInFlight();
    } else {
      startFreshSession(broker);
    }
    Connected connected = new Connected(broker.host(), broker.port(), sessionPresent);
    tell(connected);
    LoopStage<Connected> stage = connecting;
    connecting = null;
    if (stage != null) {
      stage.succeed(connected);
    }
    LoopStage<Connected> commanded = reconnecting;
    reconnecting = null;
    if (commanded != null) {
      commanded.succeed(connected);
    }
    pump();
  }

  @Override
  public void failed(ConnectAttempt failedAttempt, Throwable cause) {
    attempt = null;
    channel = null;
    attemptFailed(cause);
  }

  /**
   * An attempt failed, or a connection broke the protocol, which counts as a failed attempt:
   * a broker that keeps sending what the loop cannot take would otherwise cost a reconnect
   * without end. Tries again after the backoff, or gives up at the policy's limit.
   */
  private void attemptFailed(Throwable cause) {
    failedAttempts++;
    int limit = options.reconnect().maxAttempts();
    if (!mayReconnect()) {
      close("the connect failed: " + cause, cause, false);
    } else if (limit > 0 && failedAttempts >= limit) {
      tell(new LifecycleEvent.GaveUp(failedAttempts, cause));
      close("gave up after " + failedAttempts + " attempts: " + cause, cause, true);
    } else {
      scheduleAttempt(failedAttempts + 1, cause);
    }
  }

  /** The requests of the state the loop was made with are taken at its first connect. */
  private void adoptResumed() {
    List<Request> requests = resumed;
    resumed = List.of();
    requests.forEach(this::adopt);
  }

  private boolean mayReconnect() {
    ReconnectPolicy.When when = options.reconnect().when();
    return when == ReconnectPolicy.When.ALWAYS
        || (when == ReconnectPolicy.When.AFTER_FIRST_CONNECT && everConnected);
  }

  /**
   * Waits the policy's delay, then tries the next broker, telling the listener first, with
   * {@code cause}, why the connection or the attempt before ended.
   */
  private void scheduleAttempt(int attemptNumber, Throwable cause) {
    nextBroker = (nextBroker + 1) % options.brokers().size();
    Duration delay = options.reconnect().delayBefore(attemptNumber,
        ThreadLocalRandom.current().nextDouble());
    Broker broker = options.brokers().get(nextBroker);
    log.debug("Reconnecting to {} in {} (attempt {}) after {}", broker, delay, attemptNumber,
        cause.toString());
    phase = Phase.WAITING;
    tell(new LifecycleEvent.Reconnecting(attemptNumber, delay, broker, cause));
    retry = eventLoop.get().schedule(this::startAttempt, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Sends again what the session holds in flight, in order, with the same ids. */
  private void resendInFlight() {
    resends.clear();
    resends.addAll(session.inFlight().inOrder());
    dispatchResends();
  }

  /**
   * Resends in order what waits to be resent, at the throttle's pace for publishes; a PUBREL
   * goes at once.
   */
  private void dispatchResends() {
    InflightTable.Entry entry;
    while ((entry = resends.peek()) != null) {
      if (session.inFlight().get(entry.packetId) != entry) {
        resends.poll();
        continue;
      }
      boolean publish = !entry.released && entry.request instanceof Publish;
      if (publish && !mayPublishNow()) {
        return;
      }
      resends.poll();
      write(entry.released ? Packets.pubrel(entry.packetId)
          : packetFor(entry.request, entry.packetId, true));
      flushPending = true;
      if (publish) {
        publishSent();
      }
    }
  }

  /** Whether the throttle lets a publish go now; if not, a pump is set for when it will. */
  private boolean mayPublishNow() {
    if (!pacer.limited()) {
      return true;
    }
    long wait = pacer.waitNanos(now());
    if (wait == 0) {
      return true;
    }
    if (pacedPump == null) {
      pacedPump = eventLoop.get().schedule(() -> {
        pacedPump = null;
        pump();
      }, wait, TimeUnit.NANOSECONDS);
    }
    return false;
  }

  /** A publish went: the throttle, if one is set, counts it; no clock is read otherwise. */
  private void publishSent() {
    if (pacer.limited()) {
      pacer.sent(now());
    }
  }

  /** Drops the pump set for the old pace: the new one may let the next publish go sooner. */
  private void cancelPacedPump() {
    ScheduledFuture<?> waiting = pacedPump;
    pacedPump = null;
    if (waiting != null) {
      waiting.cancel(false);
    }
  }

  private long now() {
    return eventLoop.get().ticker().nanoTime();
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
   * The broker holds no session: the subscriptions held are restored first, then what was in
   * flight is sent again as new requests, in order, except QoS 2 publishes whose PUBREC had
   * arrived. The broker that took those dropped them with the session, or delivered them, and
   * sending them anew could deliver them twice: they fail instead.
   */
  private void startFreshSession(Broker broker) {
    receiver.sessionLost();
    List<Request> again = new ArrayList<>();
    for (InflightTable.Entry entry : session.inFlight().inOrder()) {
      session.inFlight().remove(entry.packetId);
      if (entry.released) {
        LoopStages.fail(entry.request,
            new SessionLostException(broker.host(), broker.port(), entry.request));
      } else if (!entry.internal) {
        again.add(entry.request);
      }
    }
    session.requeueFirst(again);
    Subscribe restore = session.restoringSubscribe();
    if (restore != null) {
      InflightTable.Entry entry = session.inFlight().add(restore);
      entry.internal = true;
      write(Packets.subscribe(restore, entry.packetId));
      flushPending = true;
    }
  }

  // ---- Running ----------------------------------------------------------------------------

  /**
   * Takes the run on, or refuses it; a refused run's source is cancelled and nothing is taken
   * from it. A run taken on while the loop reconnects waits for the connection.
   */
  private void startRun(Run newRun) {
    if (phase == Phase.CLOSED) {
      refuseRun(newRun, closed());
    } else if (!everConnected) {
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
  public boolean inLoop() {
    EventLoop made = eventLoop.ifMade();
    return made != null && made.inEventLoop();
  }

  @Override
  public boolean queue(Runnable task) {
    try {
      eventLoop.get().execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
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

  /**
   * Queues the request; the pump sends it and asks for more. A source may hand requests over on
   * another thread, after the pump that asked for them has ended: a pump is then set going.
   */
  @Override
  public void requestArrived(Run from, Request request) {
    if (from != run || phase == Phase.CLOSED) {
      LoopStages.refuse(request, "the run had ended when the source sent it");
      return;
    }
    adopt(request);
    session.enqueue(request);
    if (phase != Phase.CONNECTED) {
      return;
    }
    if (pumping) {
      pumpAgain = true;
    } else {
      schedulePump();
    }
  }

  /**
   * Takes charge of a request's stage: it completes where the options say, and fails with
   * {@link MqttAckTimeoutException} if its acknowledgement timeout passes first.
   */
  private void adopt(Request request) {
    Executor completer = options.completionExecutor();
    if (completer != null) {
      LoopStage.completeOn(request, completer);
    }
    Duration timeout = ackTimeoutOf(request);
    if (timeout != null) {
      ScheduledFuture<?> timer = eventLoop.get().schedule(() -> ackTimedOut(request, timeout),
          timeout.toNanos(), TimeUnit.NANOSECONDS);
      request.completion().whenComplete((done, failed) -> timer.cancel(false));
    }
  }

  /**
   * A request's acknowledgement timeout passed: one not yet sent is withdrawn, one sent stays in
   * the session; either way its stage fails. A closed loop has handed its requests on in its
   * state, and leaves them to the next loop.
   */
  private void ackTimedOut(Request request, Duration timeout) {
    if (phase == Phase.CLOSED) {
      return;
    }
    boolean withdrawn = session.withdrawUnsent(request);
    LoopStages.fail(request, new MqttAckTimeoutException(request, timeout, withdrawn));
    if (withdrawn) {
      pump();
    }
  }

  private @Nullable Duration ackTimeoutOf(Request request) {
    Duration own = request instanceof Publish publish ? publish.ackTimeout() : null;
    return own != null ? own : options.ackTimeout();
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
        dispatchResends();
        boolean asked = false;
        if (sending()) {
          dispatchUnsent();
          asked = requestMore();
        }
        flushNow();
        if (asked && roomForMore() > 0) {
          schedulePump();
        }
      } while (pumpAgain && phase == Phase.CONNECTED);
    } finally {
      pumping = false;
    }
    finishRunIfDone();
    finishDrainIfIdle();
  }

  /** Whether new requests go out: not while paused or disconnecting, nor before the resends. */
  private boolean sending() {
    return !paused && draining == null && resends.isEmpty();
  }

  /** Asks the source for as many requests as the window and the unsent queue leave room for. */
  private boolean requestMore() {
    Run current = run;
    if (current == null || !current.isSubscribed() || current.ended() || !writable()) {
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

  /**
   * Sends unsent requests in order while the window has room for those that take a slot; a
   * nearly full window waits for more room first (see {@link WindowRefill}).
   */
  private void dispatchUnsent() {
    Request first = session.nextUnsent();
    if (first != null && takesASlot(first) && refill.waits(session.inFlight().size())) {
      return;
    }
    Request next;
    while ((next = session.nextUnsent()) != null) {
      boolean takesASlot = takesASlot(next);
      if (takesASlot && session.inFlight().size() >= options.maxInflight()) {
        return;
      }
      boolean publish = next instanceof Publish;
      if (publish && !mayPublishNow()) {
        return;
      }
      session.dropNextUnsent();
      send(next);
      if (publish) {
        publishSent();
      }
    }
  }

  /** Whether {@code request} waits for an acknowledgement: all but QoS 0 publishes do. */
  private static boolean takesASlot(Request request) {
    return !(request instanceof Publish publish) || publish.qos() != QoS.AT_MOST_ONCE;
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
    LoopStages.fail(request, new PacketTooLargeException(request, size, options.maxPacketSize()));
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
    if (phase == Phase.CONNECTED && written.channel() == channel) {
      lose(written.cause());
    }
  }

  private void finishRunIfDone() {
    Run current = run;
    if (current == null || !current.ended() || !session.isIdle() || unconfirmedWrites > 0
        || phase != Phase.CONNECTED || draining != null) {
      return;
    }
    run = null;
    Throwable sourceError = current.sourceError();
    if (sourceError == null) {
      current.outcome.succeed(new Outcome.Completed(snapshot()));
    } else {
      current.outcome.fail(new SourceFailedException(sourceError, snapshot()));
    }
  }

  private MqttState snapshot() {
    return session.snapshot(options.clientId(), receiver.awaitingRelease());
  }

  // ---- What the channel says ---------------------------------------------------------------

  @Override
  public void packetArrived(Channel from, MqttMessage message) {
    if (from != channel || phase == Phase.CLOSED || phase == Phase.WAITING) {
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
    if (phase == Phase.CONNECTING) {
      connectingPacketArrived(type, message);
      return;
    }
    switch (type) {
      case PUBACK -> acknowledgements.pubAck(packetId(message));
      case PUBREC -> acknowledgements.pubRec(packetId(message));
      case PUBCOMP -> acknowledgements.pubComp(packetId(message));
      case SUBACK -> acknowledgements.subAck((MqttSubAckMessage) message);
      case UNSUBACK -> acknowledgements.unsubAck(packetId(message));
      case PUBLISH -> receiver.publishArrived((MqttPublishMessage) message);
      case PUBREL -> receiver.pubRelArrived(packetId(message));
      case PINGRESP -> pingAnswered();
      case CONNACK -> protocolError("the broker sent a second CONNACK");
      default -> protocolError("the broker sent " + type + ", which a client never receives");
    }
  }

  private void connectingPacketArrived(MqttMessageType type, MqttMessage message) {
    ConnectAttempt current = Objects.requireNonNull(attempt);
    if (type == MqttMessageType.CONNACK) {
      current.connAck((MqttConnAckMessage) message);
    } else {
      current.fail(new MqttProtocolException("the broker sent " + type + " before CONNACK"));
    }
  }

  private static int packetId(MqttMessage message) {
    return ((MqttMessageIdVariableHeader) message.variableHeader()).messageId();
  }

  /** Sends what the acks made room for, then reads on unless the inbox is full. */
  @Override
  public void readBatchEnded(Channel from) {
    if (from != channel) {
      return;
    }
    pump();
    if (phase == Phase.CONNECTED) {
      receiver.readBatchEnded();
    } else if (phase == Phase.CONNECTING) {
      from.read();
    }
  }

  @Override
  public void writabilityChanged(Channel from) {
    if (from == channel && from.isWritable()) {
      pump();
      receiver.resumeReading();
    }
  }

  @Override
  public void channelFailed(Channel from, Throwable cause) {
    if (from != channel) {
      return;
    }
    if (phase == Phase.CONNECTING) {
      Objects.requireNonNull(attempt).closedBeforeConnAck(cause);
    } else if (phase == Phase.CONNECTED) {
      lose(cause);
    }
  }

  @Override
  public void channelClosed(Channel from) {
    if (from != channel) {
      return;
    }
    if (phase == Phase.CONNECTING) {
      Objects.requireNonNull(attempt).closedBeforeConnAck(null);
    } else if (phase == Phase.CONNECTED) {
      lose(null);
    }
  }

  // ---- Keep-alive --------------------------------------------------------------------------

  /**
   * Nothing was sent, or nothing was received, for the keep-alive interval: a PINGREQ goes out.
   * When nothing was sent it always does, even with an earlier one unanswered, for the broker
   * counts the interval too; when only nothing was received, one unanswered is enough.
   *
   * <p>Until PINGRESP comes, the link is judged twice per interval. While the PINGREQ waits
   * behind the loop's own bytes, it is dead after a whole interval without a sign of life (see
   * {@link LinkWatch}): a large message crossing a slow link keeps moving and is not mistaken
   * for a dead link, while a link that takes nothing more is. Once the PINGREQ is written, it is
   * dead after half an interval with nothing read. A half-open link is so found within one and a
   * half intervals. While reading waits for a slow application, the PINGRESP may sit unread: no
   * verdict is given then.
   */
  @Override
  public void keepAliveDue(Channel from, boolean nothingSent) {
    if (from != channel || phase != Phase.CONNECTED) {
      return;
    }
    if (pingOutstanding && !nothingSent) {
      return;
    }
    pingOutstanding = true;
    log.trace("PINGREQ after {} s idle", options.keepAliveSeconds());
    from.pipeline().get(LinkWatch.class).look(from);
    from.writeAndFlush(Packets.pingreq())
        .addListener(written -> pingWritten(from, written.isSuccess()));
    if (pingDeadline == null && pingWrittenAt == 0) {
      schedulePingCheck(from, keepAliveNanos() / 2);
    }
  }

  private void pingWritten(Channel on, boolean success) {
    if (!success || on != channel || !pingOutstanding || pingWrittenAt != 0) {
      return;
    }
    pingWrittenAt = now();
    cancelPingDeadline();
    schedulePingCheck(on, keepAliveNanos() / 2);
  }

  private void schedulePingCheck(Channel on, long delayNanos) {
    pingDeadline = eventLoop.get().schedule(() -> {
      pingDeadline = null;
      checkPing(on);
    }, delayNanos, TimeUnit.NANOSECONDS);
  }

  private void checkPing(Channel on) {
    if (on != channel || !pingOutstanding) {
      return;
    }
    LinkWatch watch = on.pipeline().get(LinkWatch.class);
    long quiet = watch.look(on);
    long allowed = keepAliveNanos();
    if (pingWrittenAt != 0) {
      quiet = now() - Math.max(pingWrittenAt, watch.lastRead());
      allowed = keepAliveNanos() / 2;
    }
    if (quiet < allowed) {
      schedulePingCheck(on, allowed - quiet);
    } else if (receiver.readingSuspended()) {
      schedulePingCheck(on, keepAliveNanos() / 2);
    } else {
      lose(new TimeoutException("no PINGRESP: nothing came from the broker for "
          + TimeUnit.NANOSECONDS.toMillis(quiet) + " ms, with a PINGREQ "
          + (pingWrittenAt != 0 ? "sent" : "waiting to be sent")));
    }
  }

  private long keepAliveNanos() {
    return TimeUnit.SECONDS.toNanos(options.keepAliveSeconds());
  }

  private void pingAnswered() {
    pingOutstanding = false;
    pingWrittenAt = 0;
    cancelPingDeadline();
  }

  private void cancelPingDeadline() {
    ScheduledFuture<?> deadline = pingDeadline;
    pingDeadline = null;
    if (deadline != null) {
      deadline.cancel(false);
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
    if (ch != null && phase == Phase.CONNECTED) {
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
    if (flushPending && ch != null && phase == Phase.CONNECTED) {
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

  @Override
  public void protocolError(String message) {
    protocolError(message, null);
  }

  private void protocolError(String message, @Nullable Throwable cause) {
    log.debug("Protocol error: {}", message);
    MqttProtocolException error = cause == null ? new MqttProtocolException(message)
        : new MqttProtocolException(message, cause);
    if (phase == Phase.CONNECTING) {
      Objects.requireNonNull(attempt).fail(error);
    } else if (phase == Phase.CONNECTED) {
      lose(error);
    }
  }

  // ---- Losing and ending ------------------------------------------------------------------

  /**
   * The connection is gone while connected. With a policy that reconnects, the run goes on and
   * the loop tries again after the first delay; otherwise the run fails with the state.
   */
  private void lose(@Nullable Throwable cause) {
    Broker broker = currentBroker();
    String message = "the connection to " + broker + " was lost"
        + (cause == null ? ": the broker closed it" : ": " + cause.getMessage());
    log.debug("{}", message);
    Channel lost = Objects.requireNonNull(channel);
    channel = null;
    cancelPingDeadline();
    resends.clear();
    lost.close();
    receiver.connectionLost();
    Throwable reason = cause != null ? cause : new MqttException(message);
    tell(new LifecycleEvent.ConnectionLost(broker, reason));
    if (draining != null) {
      finishDrain();
    } else if (!mayReconnect()) {
      close(message, cause, true);
    } else if (cause instanceof MqttProtocolException) {
      failedAttempts = attemptsBeforeConnected;
      attemptFailed(reason);
    } else {
      failedAttempts = 0;
      scheduleAttempt(1, reason);
    }
  }

  private Broker currentBroker() {
    return options.brokers().get(nextBroker);
  }

  /**
   * Closes the loop for good without a command: the first connect, if still pending, fails with
   * {@code cause}, and a run, if going, fails with the state.
   */
  private void close(String why, @Nullable Throwable cause, boolean runLostTheConnection) {
    failure = cause;
    Run current = detachRun();
    LoopStage<Connected> stillConnecting = connecting;
    connecting = null;
    closeEverything(false, why);
    MqttState state = finalState;
    if (stillConnecting != null) {
      stillConnecting.fail(cause != null ? cause : closed());
    }
    if (current != null) {
      current.outcome.fail(runLostTheConnection
          ? new ConnectionLostException(why, cause, state)
          : closed());
    }
    eventLoop.release();
  }

  private <R> void executeOnLoop(Command<R> command, LoopStage<R> stage) {
    attachEarlySubscriber();
    if (phase == Phase.CLOSED) {
      executeClosed(command, stage);
      return;
    }
    if (command instanceof Command.Pause) {
      paused = true;
      stage.succeed(null);
    } else if (command instanceof Command.Resume) {
      paused = false;
      pump();
      stage.succeed(null);
    } else if (command instanceof Command.Throttle throttle) {
      pacer.rate(throttle.perSecond(), now());
      cancelPacedPump();
      pump();
      stage.succeed(null);
    } else if (command instanceof Command.Reconnect) {
      reconnectNow(castStage(stage));
    } else if (command instanceof Command.Disconnect disconnect) {
      disconnect(disconnect.drainTimeout(), castStage(stage));
    } else if (command instanceof Command.Shutdown) {
      end(stage, false, new Outcome.ShutDown(snapshot()), "shut down by command");
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> LoopStage<T> castStage(LoopStage<?> stage) {
    return (LoopStage<T>) stage;
  }

  /**
   * Drops the connection and connects again at once, whatever the policy; while connecting or
   * waiting to, the attempt under way or one started now answers instead.
   */
  private void reconnectNow(LoopStage<Connected> stage) {
    if (!everConnected) {
      stage.fail(new IllegalStateException(
          "reconnect needs a loop that has connected: call connect() first"));
      return;
    }
    LoopStage<Connected> earlier = reconnecting;
    reconnecting = stage;
    if (earlier != null) {
      stage.whenComplete((connected, failed) -> LoopStages.settle(earlier, connected, failed));
    }
    if (phase == Phase.CONNECTED) {
      dropForReconnect();
    } else if (phase == Phase.WAITING) {
      Objects.requireNonNull(retry).cancel(false);
      startAttempt();
    }
  }

  private void dropForReconnect() {
    Broker broker = currentBroker();
    Channel dropped = Objects.requireNonNull(channel);
    channel = null;
    cancelPingDeadline();
    resends.clear();
    dropped.close();
    receiver.connectionLost();
    MqttException commanded =
        new MqttException("the connection to " + broker + " was dropped by a reconnect command");
    tell(new LifecycleEvent.ConnectionLost(broker, commanded));
    failedAttempts = 0;
    nextBroker = (nextBroker + 1) % options.brokers().size();
    tell(new LifecycleEvent.Reconnecting(1, Duration.ZERO, currentBroker(), commanded));
    startAttempt();
  }

  /**
   * Takes nothing new and sends nothing new; once what is in flight is acknowledged, or the
   * timeout has passed, or the connection is lost, ends with DISCONNECT.
   */
  private void disconnect(Duration drainTimeout, LoopStage<Outcome.Disconnected> stage) {
    if (draining != null) {
      draining.stage.whenComplete((outcome, failed) -> LoopStages.settle(stage, outcome, failed));
      return;
    }
    Run current = run;
    if (current != null) {
      current.cancel();
    }
    if (phase != Phase.CONNECTED || drainTimeout.isZero() || session.inFlight().isEmpty()) {
      end(stage, true, new Outcome.Disconnected(snapshot()), "disconnected by command");
      return;
    }
    ScheduledFuture<?> timeout = eventLoop.get().schedule(this::finishDrain,
        drainTimeout.toNanos(), TimeUnit.NANOSECONDS);
    draining = new Drain(stage, timeout);
  }

  private void finishDrainIfIdle() {
    if (draining != null && session.inFlight().isEmpty()) {
      finishDrain();
    }
  }

  private void finishDrain() {
    Drain drain = draining;
    draining = null;
    if (drain == null) {
      return;
    }
    drain.timeout.cancel(false);
    end(drain.stage, true, new Outcome.Disconnected(snapshot()), "disconnected by command");
  }

  /** A disconnect waiting for what is in flight. */
  private record Drain(LoopStage<Outcome.Disconnected> stage, ScheduledFuture<?> timeout) { }

  private <R> void end(LoopStage<R> stage, boolean disconnect, Outcome outcome, String why) {
    LoopStage<Connected> stillConnecting = connecting;
    connecting = null;
    Run current = detachRun();
    Channel ch = channel;
    closeEverything(disconnect && phase == Phase.CONNECTED, why);
    if (stillConnecting != null) {
      stillConnecting.fail(closed());
    }
    Runnable finish = () -> {
      if (current != null) {
        current.outcome.succeed(outcome);
      }
      completeWith(stage, outcome);
      eventLoop.release();
    };
    if (ch == null || !ch.isRegistered()) {
      finish.run();
    } else {
      ch.closeFuture().addListener(closed -> finish.run());
    }
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

  /** Stops everything: the attempt or the wait, the connection, the inbox; the state is final. */
  private void closeEverything(boolean disconnect, String why) {
    finalState = snapshot();
    phase = Phase.CLOSED;
    closedBecause = why;
    cancelPingDeadline();
    resends.clear();
    Drain drain = draining;
    draining = null;
    if (drain != null) {
      drain.timeout.cancel(false);
      drain.stage.succeed(new Outcome.Disconnected(finalState));
    }
    LoopStage<Connected> commanded = reconnecting;
    reconnecting = null;
    if (commanded != null) {
      commanded.fail(failure != null ? failure : closed());
    }
    ScheduledFuture<?> waiting = retry;
    retry = null;
    if (waiting != null) {
      waiting.cancel(false);
    }
    ConnectAttempt pending = attempt;
    attempt = null;
    if (pending != null) {
      pending.abandon();
    }
    receiver.closed();
    Channel ch = channel;
    if (ch != null && disconnect && ch.isActive()) {
      ch.writeAndFlush(Packets.disconnect()).addListener(written -> ch.close());
    } else if (ch != null) {
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

  /** Tells the options' listener; what it throws is logged and goes no further. */
  private void tell(LifecycleEvent event) {
    try {
      options.lifecycleListener().on(event);
    } catch (RuntimeException e) {
      log.warn("The lifecycle listener threw on {}", event, e);
    }
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
    EventLoop made = eventLoop.ifMade();
    if (made != null && made.isShuttingDown()) {
      // The loop has closed and let its event loop go: a task now might never run.
      whenClosed.run();
      return;
    }
    try {
      eventLoop.get().execute(task);
    } catch (RejectedExecutionException e) {
      EventLoop shuttingDown = eventLoop.ifMade();
      if (shuttingDown != null && shuttingDown.isShuttingDown()) {
        whenClosed.run();
      } else {
        stage.fail(e);
      }
    } catch (RuntimeException e) {
      stage.fail(e);
    }
  }
}
