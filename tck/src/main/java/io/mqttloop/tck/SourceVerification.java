package io.mqttloop.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.mqttloop.MqttEventLoop;
import io.mqttloop.Outcome;
import io.mqttloop.Publish;
import io.mqttloop.QoS;
import io.mqttloop.QueueSource;
import io.mqttloop.Request;
import io.mqttloop.RequestChannel;
import io.mqttloop.Sources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Rules of the sources a run takes: a queue fed by other threads that ends, a stream, and the
 * bounded channel many producers send through.
 */
public abstract class SourceVerification extends MqttEventLoopVerification {
  private static final int PRODUCERS = 8;
  private static final int PER_PRODUCER = 10_000;
  /** How long the 80,000 publishes through the channel may take. */
  private static final Duration LONG_RUN = Duration.ofMinutes(2);

  /** For subclasses, which write {@link #createLoop}. */
  protected SourceVerification() {}

  /**
   * A queue that other threads fill, taken from on a thread of the caller's, completes the run
   * once it is said to have ended, after every request in it was acknowledged.
   */
  @Test
  public void required_aQueueSourceThatEndsCompletesTheRun() {
    MqttEventLoop loop = connectedLoop(brokerOptions().build());
    BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    QueueSource source = Sources.from(queue, executor());
    CompletionStage<Outcome> run = loop.run(source);
    List<Publish> publishes = NumberedPublishes.of(500, QoS.AT_LEAST_ONCE);

    publishes.forEach(queue::add);
    await(publishes.get(499).completion(), "the last publish in the queue");
    source.end();

    assertInstanceOf(Outcome.Completed.class, await(run, "the run of an ended queue"));
  }

  /** A stream is a source too: the run takes all of it, and completes. */
  @Test
  public void required_aStreamSourceCompletesTheRun() {
    MqttEventLoop loop = connectedLoop(brokerOptions().build());
    List<Publish> publishes = NumberedPublishes.of(300, QoS.EXACTLY_ONCE);

    Outcome outcome = await(loop.run(Sources.from(publishes.stream())), "a stream's run");

    assertInstanceOf(Outcome.Completed.class, outcome);
    publishes.forEach(publish -> await(publish.completion(), publish.toString()));
  }

  /**
   * Eight producer threads sending 10,000 QoS 1 publishes each through one bounded channel all
   * get them acknowledged, and each producer's in the order it sent them.
   */
  @Test
  public void required_producersThroughTheChannelAreAcknowledgedInTheirOrder() throws Exception {
    MqttEventLoop loop = connectedLoop(brokerOptions().build());
    RequestChannel channel = RequestChannel.withCapacity(64);
    CompletionStage<Outcome> run = loop.run(channel);
    List<List<Integer>> acknowledged = IntStream.range(0, PRODUCERS)
        .mapToObj(producer -> Collections.synchronizedList(new ArrayList<Integer>())).toList();
    ExecutorService producers = Executors.newFixedThreadPool(PRODUCERS);
    try {
      List<CompletableFuture<Void>> sent = IntStream.range(0, PRODUCERS)
          .mapToObj(producer -> CompletableFuture.runAsync(
              () -> produce(channel, producer, acknowledged.get(producer)), producers))
          .toList();
      CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
          .get(stageTimeout().toSeconds(), TimeUnit.SECONDS);
      channel.close();
      Outcome outcome = run.toCompletableFuture().get(LONG_RUN.toSeconds(), TimeUnit.SECONDS);
      assertInstanceOf(Outcome.Completed.class, outcome);
    } finally {
      producers.shutdownNow();
    }

    for (List<Integer> order : acknowledged) {
      assertEquals(IntStream.range(0, PER_PRODUCER).boxed().toList(), order,
          "a producer's acknowledgements, in the order it sent");
    }
  }

  /** Sends this producer's publishes, noting each acknowledgement's number as it comes. */
  private static void produce(RequestChannel channel, int producer, List<Integer> order) {
    for (int i = 0; i < PER_PRODUCER; i++) {
      int number = i;
      Publish publish = NumberedPublishes.numbered(producer * PER_PRODUCER + i,
          QoS.AT_LEAST_ONCE);
      publish.completion().thenRun(() -> order.add(number));
      channel.send(publish);
    }
  }
}
