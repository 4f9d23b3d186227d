package io.mqttloop.examples;

import io.mqttloop.Command;
import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import io.mqttloop.MqttState;
import io.mqttloop.Outcome;
import io.mqttloop.Publish;
import io.mqttloop.QoS;
import io.mqttloop.Receivers;
import io.mqttloop.Request;
import io.mqttloop.Sources;
import io.mqttloop.Subscribe;
import io.mqttloop.netty.NettyMqtt;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Hands a session from one loop to the next through a file, as a process that stops and
 * starts again would. A loop publishes 2,000 numbered QoS 1 messages from an iterator; once the
 * broker has acknowledged the 1,000th, the loop is shut down, and its state, every publish in
 * flight or taken and not sent, goes to a file. A new loop, made from the state read back, with
 * the same options and client id, connects, which resends what was in flight, and runs the rest
 * of the iterator. A second connection, subscribed, counts the distinct numbers it receives:
 * all 2,000, though a message in flight at the shutdown may come twice.
 *
 * <p>The publisher's session is clean, so the broker keeps nothing of it once the example ends:
 * the new loop sends what was in flight anew. With {@code cleanSession(false)} the broker would
 * keep the session, and the new loop would resend those publishes into it, with their packet ids.
 *
 * <p>It connects to {@code localhost:1883}, or to the broker its one argument names as
 * {@code host:port}; it starts none of its own.
 */
public final class HandOverState {
  static final int MESSAGES = 2_000;
  static final int SHUT_DOWN_AFTER_ACKS = 1_000;
  static final String TOPIC = "mqttloop/examples/handover";
  private static final long STAGE_TIMEOUT_SECONDS = 30;

  private HandOverState() {}

  /**
   * Hands the state over; see the class comment for the argument.
   *
   * @throws IllegalStateException when a message was not received
   */
  public static void main(String[] args) throws Exception {
    BrokerAddress broker = BrokerAddress.fromArgs("HandOverState", args);
    Report report = handOver(broker.host(), broker.port(), clientId -> { });
    System.out.println(report);
    if (report.distinctReceived() != MESSAGES) {
      throw new IllegalStateException("expected all " + MESSAGES + " received: " + report);
    }
  }

  /**
   * Publishes through two loops, one after the other, to the broker at {@code host:port};
   * {@code readyFor} waits, where the broker needs it, until the counting subscriber may
   * subscribe after its CONNACK.
   */
  static Report handOver(String host, int port, Consumer<String> readyFor) throws Exception {
    ExecutorService loopThreads = Executors.newCachedThreadPool();
    Path stateFile = Files.createTempFile("mqttloop-state-", ".bin");
    HandOver handOver = new HandOver(host, port, loopThreads, stateFile);
    Report report;
    try {
      report = handOver.run(readyFor);
    } finally {
      handOver.shutDownLoops();
      Pools.shutDown(loopThreads);
      Files.deleteIfExists(stateFile);
    }
    Pools.awaitEnd(loopThreads);
    return report;
  }

  /** The loops of one hand-over, and what they acknowledged and received. */
  private static final class HandOver {
    private final String host;
    private final int port;
    private final ExecutorService loopThreads;
    private final Path stateFile;
    private final MqttOptions options;
    private final List<MqttEventLoop> loops = new ArrayList<>();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final Set<Integer> received = ConcurrentHashMap.newKeySet();
    private final CountDownLatch allReceived = new CountDownLatch(MESSAGES);

    HandOver(String host, int port, ExecutorService loopThreads, Path stateFile) {
      this.host = host;
      this.port = port;
      this.loopThreads = loopThreads;
      this.stateFile = stateFile;
      String clientId = "handover-" + ProcessHandle.current().pid();
      this.options = MqttOptions.builder().broker(host, port).clientId(clientId).build();
    }

    Report run(Consumer<String> readyFor) throws Exception {
      MqttEventLoop counter = subscribeCounter(readyFor);
      List<Publish> publishes = numbered();
      Iterator<Publish> source = publishes.iterator();

      MqttEventLoop first = loop(MqttState.EMPTY);
      first.connect().toCompletableFuture().get(10, TimeUnit.SECONDS);
      // Shut down from the loop's thread, as the acknowledgement comes: execute never blocks.
      publishes.get(SHUT_DOWN_AFTER_ACKS - 1).completion()
          .thenRun(() -> first.execute(Command.shutdown()));
      Outcome stopped = await(first.run(Sources.from(source)).toCompletableFuture());
      if (!(stopped instanceof Outcome.ShutDown)) {
        throw new IllegalStateException("the shutdown came too late to stop the run: " + stopped);
      }
      int ackedBefore = acknowledged.get();

      MqttState saved = saveAndReadBack(stopped.state());
      List<CompletableFuture<?>> resent = new ArrayList<>();
      for (Request request : saved.requests()) {
        resent.add(request.completion().thenRun(acknowledged::incrementAndGet)
            .toCompletableFuture());
      }
      MqttEventLoop second = loop(saved);
      second.connect().toCompletableFuture().get(10, TimeUnit.SECONDS);
      Outcome rest = await(second.run(Sources.from(source)).toCompletableFuture());
      await(CompletableFuture.allOf(resent.toArray(new CompletableFuture<?>[0])));

      allReceived.await(STAGE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      await(second.execute(Command.disconnect()).toCompletableFuture());
      await(counter.execute(Command.disconnect()).toCompletableFuture());
      return new Report(ackedBefore, saved.requests().size(), acknowledged.get() - ackedBefore,
          received.size(), rest);
    }

    /** Writes {@code state} to the file, as a process would before it stops, and reads it. */
    private MqttState saveAndReadBack(MqttState state) throws Exception {
      try (OutputStream out = Files.newOutputStream(stateFile)) {
        state.writeTo(out);
      }
      try (InputStream in = new BufferedInputStream(Files.newInputStream(stateFile))) {
        return MqttState.readFrom(in);
      }
    }

    /** A second connection, subscribed to the topic, noting each number it receives. */
    private MqttEventLoop subscribeCounter(Consumer<String> readyFor) throws Exception {
      String clientId = "handover-counter-" + ProcessHandle.current().pid();
      MqttOptions counterOptions = MqttOptions.builder().broker(host, port).clientId(clientId)
          .build();
      MqttEventLoop counter = NettyMqtt.factory().create(counterOptions, loopThreads);
      loops.add(counter);
      counter.messages().subscribe(Receivers.handle(message -> {
        if (received.add(ByteBuffer.wrap(message.payloadBytes()).getInt())) {
          allReceived.countDown();
        }
      }));
      counter.connect().toCompletableFuture().get(10, TimeUnit.SECONDS);
      readyFor.accept(clientId);
      await(counter.run(Sources.from(List.of(Subscribe.to(TOPIC, QoS.AT_LEAST_ONCE))))
          .toCompletableFuture());
      return counter;
    }

    /** A publishing loop, with the same options each time, starting from {@code state}. */
    private MqttEventLoop loop(MqttState state) {
      MqttEventLoop loop = NettyMqtt.factory().create(options, loopThreads, state);
      loops.add(loop);
      return loop;
    }

    /** The publishes, counting their acknowledgements; each payload is its number. */
    private List<Publish> numbered() {
      List<Publish> publishes = new ArrayList<>(MESSAGES);
      for (int number = 0; number < MESSAGES; number++) {
        byte[] payload = ByteBuffer.allocate(Integer.BYTES).putInt(number).array();
        Publish publish = Publish.of(TOPIC, payload, QoS.AT_LEAST_ONCE);
        publish.completion().thenRun(acknowledged::incrementAndGet);
        publishes.add(publish);
      }
      return publishes;
    }

    /** Frees the threads of loops still open, after a failure; a closed loop ignores it. */
    void shutDownLoops() {
      loops.forEach(loop -> loop.execute(Command.shutdown()));
    }

    private static <T> T await(CompletableFuture<T> stage) throws Exception {
      return stage.get(STAGE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
  }

  /**
   * What the hand-over showed.
   *
   * @param ackedBeforeHandOver publishes the first loop had acknowledged when it shut down
   * @param pendingInSavedState requests in the state it left: in flight, or taken and not sent
   * @param ackedAfterHandOver publishes the second loop had acknowledged: the state's and the
   *     rest of the source
   * @param distinctReceived distinct numbers the subscriber received
   * @param secondRun how the second loop's run ended
   */
  record Report(int ackedBeforeHandOver, int pendingInSavedState, int ackedAfterHandOver,
      int distinctReceived, Outcome secondRun) {
    @Override
    public String toString() {
      return String.format("%d acknowledged before the hand-over, %d pending in the saved state,"
          + " %d acknowledged after it; %d of %d distinct messages received", ackedBeforeHandOver,
          pendingInSavedState, ackedAfterHandOver, distinctReceived, MESSAGES);
    }
  }
}
