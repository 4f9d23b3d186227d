package io.mqttloop.tck;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.mqttloop.Command;
import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import io.mqttloop.MqttState;
import io.mqttloop.QoS;
import io.mqttloop.Sources;
import io.mqttloop.Subscribe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import io.mqttloop.tck.broker.MosquittoBroker;
import io.mqttloop.tck.broker.SharedBroker;
import io.mqttloop.tck.broker.TestBroker;
import io.mqttloop.tck.broker.TransportBroker;
import io.mqttloop.tck.proxy.FaultProxy;
import io.mqttloop.tck.scripted.ReceivedPacket;
import io.mqttloop.tck.scripted.ScriptedBroker;
import io.netty.handler.codec.mqtt.MqttMessageType;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The base of every verification class of the TCK. An implementer extends a verification class
 * and writes one method, {@link #createLoop}; everything else has a default.
 *
 * <p>Each test is a rule, named after it: {@code required_} for what every transport must do,
 * {@code optional_} for what a transport may declare it does not do, and, where the rule comes
 * from MQTT 3.1.1, its normative statement id, as in {@code required_MQTT_4_3_2_1_...}. The
 * rules document, {@code RULES.md} in the TCK's source, tells for each rule what it checks and
 * what to look at when it fails. A transport declares what it does not do by overriding a
 * capability method ({@link #supportsCompletionExecutor()}, {@link #supportsFaultProxy()},
 * {@link #holdsAThreadOfItsExecutor()}) to return false; the rules that need it are then skipped
 * with a message that names the method.
 *
 * <p>Each test gets its own executor, whose threads are named {@code tck-loop-<n>}; after the test
 * every loop it made is shut down and the executor must terminate, so a loop that keeps a thread
 * busy after it closed fails the test that made it.
 *
 * <p>Tests talk to a real broker, shared by the whole run (see {@link SharedBroker}), over the
 * {@link #transport()} the implementer names, plain TCP by default; and where a fault is needed
 * that a real broker cannot be made to commit, to a {@link ScriptedBroker} of their own, which
 * speaks plain TCP whatever the transport: rules on it check the loop's protocol, not its
 * transport.
 */
@ExtendWith(SharedBroker.class)
public abstract class MqttEventLoopVerification {
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final AtomicInteger CLIENT_IDS = new AtomicInteger();

  private final List<MqttEventLoop> loops = new ArrayList<>();
  private final ExecutorService executor = Executors.newCachedThreadPool(loopThreads());
  private final AsyncErrors asyncErrors = new AsyncErrors();
  private @Nullable TestBroker broker;
  private @Nullable TransportBroker transportBroker;
  private @Nullable ScriptedBroker scriptedBroker;
  private @Nullable FaultProxy faultProxy;

  /** For subclasses, which write {@link #createLoop}. */
  protected MqttEventLoopVerification() {}

  /**
   * Makes the loop under test: new, not yet connected, running on {@code executor}, resuming
   * {@code state}. This is the one method an implementation writes.
   */
  protected abstract MqttEventLoop createLoop(
      MqttOptions options, Executor executor, MqttState state);

  /** How long the TCK waits for a stage that should complete; raise it on a slow machine. */
  protected Duration stageTimeout() {
    return Duration.ofSeconds(20);
  }

  /**
   * Whether the transport completes stages on the executor that
   * {@link MqttOptions#completionExecutor()} names. True by default. A transport whose factory
   * refuses options that name one, or that completes stages on the loop's thread whatever the
   * options say, returns false, and the rules of {@link StageVerification} that set one are
   * skipped.
   */
  protected boolean supportsCompletionExecutor() {
    return true;
  }

  /**
   * Whether the transport's loops reach the broker over a TCP connection to the host and port of
   * their options, so that the TCK's {@link FaultProxy}, a TCP forwarder, can stand between a loop
   * and the real broker. True by default. A transport that reaches the broker another way, such
   * as a Unix socket or a tunnel of its own, returns false: the rules of
   * {@link LinkFaultVerification} are skipped, and so are the other rules that use the proxy.
   */
  protected boolean supportsFaultProxy() {
    return true;
  }

  /**
   * Whether a loop holds one thread of a plain {@link Executor} from its connect until it closes,
   * as the Netty transport does. True by default. Such a loop cannot wait in the queue of a pool
   * whose threads are all busy, nor run on the calling thread, and must refuse both executors
   * with a {@link java.util.concurrent.RejectedExecutionException} saying why. A transport whose
   * loop runs as short tasks, which may wait in a queue, returns false, and the rules of
   * {@link ExecutorVerification} that check the refusal are skipped.
   */
  protected boolean holdsAThreadOfItsExecutor() {
    return true;
  }

  /**
   * Skips the calling test when {@code supported} is false, reported with the name of the
   * capability method that said so and {@code needs}, what the test needs of the transport.
   */
  protected static void assumeCapability(boolean supported, String capability, String needs) {
    if (!supported) {
      Assumptions.abort(capability + "() is false: this rule needs " + needs);
    }
  }

  /**
   * How the loops reach the real broker: the transport the system property
   * {@value Transport#PROPERTY} names, {@link Transport#TCP} when it is not set. Override it, or
   * set the property, to run the same rules over TLS or WebSocket; those need mosquitto, and skip
   * without it.
   */
  protected Transport transport() {
    return Transport.fromSystemProperty();
  }

  /** The real broker the run shares. */
  protected final TestBroker broker() {
    TestBroker shared = sharedBroker();
    if (transport() == Transport.TCP) {
      return shared;
    }
    if (!"mosquitto".equals(shared.kind())) {
      Assumptions.abort("needs mosquitto: the " + transport().propertyValue() + " listener, for"
          + " this rule talks to the real broker");
    }
    return Objects.requireNonNull(transportBroker).broker();
  }

  private TestBroker sharedBroker() {
    if (broker == null) {
      throw new IllegalStateException("the shared broker is set before each test");
    }
    return broker;
  }

  /** This test's scripted broker, started on first use and closed after the test. */
  protected final ScriptedBroker scriptedBroker() {
    if (scriptedBroker == null) {
      scriptedBroker = ScriptedBroker.start();
    }
    return scriptedBroker;
  }

  /**
   * This test's fault proxy in front of the real broker, started on first use and closed after
   * the test. Skips the test when {@link #supportsFaultProxy()} is false.
   */
  protected final FaultProxy faultProxy() {
    assumeFaultProxy();
    if (faultProxy == null) {
      faultProxy = FaultProxy.start(broker().host(), brokerPort());
    }
    return faultProxy;
  }

  /**
   * Skips the calling test, naming {@link #supportsFaultProxy()}, when the transport cannot run
   * through the fault proxy.
   */
  protected final void assumeFaultProxy() {
    assumeCapability(supportsFaultProxy(), "supportsFaultProxy",
        "a loop that reaches the broker through the TCK's TCP fault proxy");
  }

  /** Options for the real broker through {@link #faultProxy()}, with a client id of its own. */
  protected final MqttOptions.Builder proxiedOptions() {
    FaultProxy proxy = faultProxy();
    return overTransport(MqttOptions.builder().broker(proxy.host(), proxy.port())
        .clientId(newClientId()));
  }

  /**
   * Options for the real broker over {@link #transport()}, with a client id no other test uses.
   */
  protected final MqttOptions.Builder brokerOptions() {
    return overTransport(MqttOptions.builder().broker(broker().host(), brokerPort())
        .clientId(newClientId()));
  }

  /** The port of the real broker that serves {@link #transport()}. */
  protected final int brokerPort() {
    Transport transport = transport();
    return transport == Transport.TCP ? broker().port()
        : transport.port((MosquittoBroker) broker());
  }

  private MqttOptions.Builder overTransport(MqttOptions.Builder options) {
    Transport transport = transport();
    return transport == Transport.TCP ? options
        : transport.configure(options, Objects.requireNonNull(transportBroker).certificates());
  }

  /** Options for this test's scripted broker, with a client id no other test uses. */
  protected final MqttOptions.Builder scriptedOptions() {
    ScriptedBroker scripted = scriptedBroker();
    return MqttOptions.builder().broker(scripted.host(), scripted.port()).clientId(newClientId());
  }

  /**
   * Skips the calling test, reported with "needs mosquitto: " and {@code because}, unless the
   * real broker is mosquitto: for what the embedded broker is known to get wrong.
   */
  protected final void assumeMosquitto(String because) {
    if (!"mosquitto".equals(broker().kind())) {
      Assumptions.abort("needs mosquitto: " + because);
    }
  }

  /** A loopback port where nothing listens, as the system just freed it. */
  protected static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A client id no other test of this run uses. */
  protected static String newClientId() {
    return "tck-" + ProcessHandle.current().pid() + "-" + CLIENT_IDS.incrementAndGet();
  }

  /** A new loop on this test's executor, with an empty state; shut down after the test. */
  protected final MqttEventLoop newLoop(MqttOptions options) {
    return newLoop(options, MqttState.EMPTY);
  }

  /** A new loop on this test's executor, resuming {@code state}; shut down after the test. */
  protected final MqttEventLoop newLoop(MqttOptions options, MqttState state) {
    MqttEventLoop loop = createLoop(options, executor, state);
    loops.add(loop);
    return loop;
  }

  /** A loop that has connected with {@code options}. */
  protected final MqttEventLoop connectedLoop(MqttOptions options) {
    return connect(newLoop(options));
  }

  /** A loop that has connected with {@code options}, resuming {@code state}. */
  protected final MqttEventLoop connectedLoop(MqttOptions options, MqttState state) {
    return connect(newLoop(options, state));
  }

  /**
   * A recorder of the messages on {@code topic}, which a loop of its own, connected straight to
   * the real broker, has subscribed to at {@code qos}.
   */
  protected final RecordingSubscriber subscribedInbox(String topic, QoS qos) {
    RecordingSubscriber inbox = RecordingSubscriber.takingAll();
    MqttEventLoop subscriber = newLoop(brokerOptions().build());
    subscriber.messages().subscribe(inbox);
    connect(subscriber);
    await(subscriber.run(Sources.from(List.of(Subscribe.to(topic, qos)))), "subscribing");
    return inbox;
  }

  /**
   * Connects {@code loop} and returns it once the broker is ready for its first request: the
   * real broker may need a moment after CONNACK (see {@link TestBroker#awaitReadyFor}).
   */
  protected final MqttEventLoop connect(MqttEventLoop loop) {
    MqttOptions options = loop.options();
    await(loop.connect(), "connect to " + options.host() + ":" + options.port());
    TestBroker shared = sharedBroker();
    if (options.port() == shared.port() && !options.clientId().isEmpty()) {
      shared.awaitReadyFor(options.clientId(), stageTimeout());
    }
    return loop;
  }

  /** The executor this test's loops run on. */
  protected final Executor executor() {
    return executor;
  }

  /** Errors seen on other threads, reported when the test ends. */
  protected final AsyncErrors asyncErrors() {
    return asyncErrors;
  }

  /**
   * The value of {@code stage}, waiting up to {@link #stageTimeout()}.
   *
   * @throws AssertionError naming {@code what} when the stage fails or does not complete in time
   */
  protected final <T> T await(CompletionStage<T> stage, String what) {
    try {
      return stage.toCompletableFuture().get(stageTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError(what + " failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError(what + " did not complete within " + stageTimeout());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + what, e);
    }
  }

  /**
   * The exception {@code stage} fails with, waiting up to {@link #stageTimeout()}.
   *
   * @throws AssertionError naming {@code what} when it succeeds or does not complete in time
   */
  protected final Throwable awaitFailure(CompletionStage<?> stage, String what) {
    Object value;
    try {
      value = stage.toCompletableFuture().get(stageTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | CompletionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      throw new AssertionError(what + " neither failed nor completed within " + stageTimeout());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + what, e);
    }
    return fail(what + " should have failed, but completed with " + value);
  }

  /**
   * The first {@code count} PUBLISH packets {@code scripted} received, waiting for them. The
   * scripted broker answers a packet before it records it, so wait for the packets themselves
   * rather than for their acks.
   */
  protected final List<ReceivedPacket> awaitPublishes(ScriptedBroker scripted, int count) {
    return scripted.awaitPackets(count, ReceivedPacket.ofType(MqttMessageType.PUBLISH),
        stageTimeout());
  }

  /** Asserts that {@code stage} has not completed, neither normally nor exceptionally. */
  protected static void assertPending(CompletionStage<?> stage, String what) {
    assertTrue(!stage.toCompletableFuture().isDone(), what + " completed too early");
  }

  /** Takes the shared broker for this test; JUnit calls it. */
  @BeforeEach
  public final void takeSharedBroker(TestBroker sharedBroker, TransportBroker transports) {
    this.broker = sharedBroker;
    this.transportBroker = transports;
    RunNotice.once(sharedBroker, transport());
  }

  /**
   * Shuts down every loop the test made, the scripted broker and the fault proxy, checks that the
   * loops' executor then terminates, and fails with any error recorded on other threads.
   */
  @AfterEach
  public final void shutDownLoopsAndExecutor() throws InterruptedException {
    for (MqttEventLoop loop : loops) {
      CompletionStage<Object> ended = loop.execute(Command.shutdown())
          .handle((outcome, closedAlready) -> loop);
      await(ended, "the shutdown of " + loop + " after the test");
    }
    if (scriptedBroker != null) {
      scriptedBroker.close();
    }
    if (faultProxy != null) {
      faultProxy.close();
    }
    executor.shutdown();
    if (!executor.awaitTermination(stageTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
      executor.shutdownNow();
      fail("a closed loop still held a thread of its executor after " + stageTimeout());
    }
    asyncErrors.assertNone();
  }

  private static ThreadFactory loopThreads() {
    return runnable -> {
      Thread thread = new Thread(runnable, "tck-loop-" + THREADS.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
