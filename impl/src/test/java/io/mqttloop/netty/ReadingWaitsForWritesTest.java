package io.mqttloop.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttloop.Command;
import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import io.mqttloop.MqttState;
import io.mqttloop.tck.RecordingSubscriber;
import io.mqttloop.tck.scripted.Flood;
import io.mqttloop.tck.scripted.ScriptedBroker;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A broker that floods QoS 1 messages and stops reading the client's PUBACKs makes the client
 * stop reading too, once its writes queue up, rather than pile the PUBACKs up in memory. Small
 * socket buffers and write limits make the queue fill within a test's worth of messages.
 */
class ReadingWaitsForWritesTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Test
  void aBrokerThatStopsReadingStopsTheClientReading() throws Exception {
    ExecutorService executor = Executors.newCachedThreadPool();
    try (ScriptedBroker broker = ScriptedBroker.start()) {
      RecordingSubscriber inbox = RecordingSubscriber.takingAll();
      MqttEventLoop loop = tightlyBufferedLoop(broker, executor);
      loop.messages().subscribe(inbox);
      loop.connect().toCompletableFuture().get(10, TimeUnit.SECONDS);
      broker.stopReading();
      int count = 200_000;

      Flood flood = broker.flood(count, 16, "flood", 1);
      awaitStall(flood);

      assertTrue(flood.written() < count / 2, "the broker wrote " + flood.written() + " of "
          + count + " to a client whose acknowledgements it did not read");
      broker.resumeReading();
      assertEquals(count, inbox.awaitCount(count, TIMEOUT).size());
      loop.execute(Command.shutdown()).toCompletableFuture().get(10, TimeUnit.SECONDS);
    } finally {
      executor.shutdownNow();
    }
  }

  private static MqttEventLoop tightlyBufferedLoop(ScriptedBroker broker,
      ExecutorService executor) {
    MqttOptions options = MqttOptions.builder().broker(broker.host(), broker.port())
        .keepAliveSeconds(0).build();
    return NettyMqtt.factory().withPipeline(pipeline -> {
      pipeline.channel().config().setOption(ChannelOption.SO_RCVBUF, 8_192);
      pipeline.channel().config().setOption(ChannelOption.SO_SNDBUF, 8_192);
      pipeline.channel().config().setWriteBufferWaterMark(new WriteBufferWaterMark(1_024, 2_048));
    }).create(options, executor, MqttState.EMPTY);
  }

  private static void awaitStall(Flood flood) {
    AtomicInteger lastWritten = new AtomicInteger(-1);
    Awaitility.await("the flood stalls").atMost(TIMEOUT).pollInSameThread()
        .during(Duration.ofMillis(500))
        .until(() -> flood.isPaused() && flood.written() == lastWritten.getAndSet(flood.written()));
  }
}
