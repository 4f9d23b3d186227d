package io.mqttloop.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttloop.Command;
import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import io.mqttloop.MqttState;
import io.mqttloop.QoS;
import io.mqttloop.Sources;
import io.mqttloop.tck.NumberedPublishes;
import io.mqttloop.tck.broker.SharedBroker;
import io.mqttloop.tck.broker.TestBroker;
import io.mqttloop.tck.scripted.ReceivedPacket;
import io.mqttloop.tck.scripted.ScriptedBroker;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The loop writes a batch of publishes and flushes once per batch, not once per message. */
@ExtendWith(SharedBroker.class)
class FlushBatchingTest {
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final FlushCounter counter = new FlushCounter();

  @AfterEach
  void stopExecutor() {
    executor.shutdownNow();
  }

  /**
   * A window's worth of QoS 1 or 2 publishes goes out in a flush or a few, whatever the broker:
   * the source's first requests may reach the loop in more than one of its tasks, each ending in
   * a flush, but never one flush a publish.
   */
  @ParameterizedTest
  @EnumSource(value = QoS.class, names = {"AT_LEAST_ONCE", "EXACTLY_ONCE"})
  void aFullWindowOfPublishesGoesOutInAFewFlushes(QoS qos) throws Exception {
    try (ScriptedBroker scripted = ScriptedBroker.start().holdAcks()) {
      MqttEventLoop loop = connectedLoop(scripted.host(), scripted.port(), 100);
      int flushesBefore = counter.flushes.get();

      loop.run(Sources.from(NumberedPublishes.of(300, qos)));
      scripted.awaitPackets(100, ReceivedPacket.ofType(MqttMessageType.PUBLISH),
          Duration.ofSeconds(10));

      assertEquals(100, counter.publishes.get(), "the window holds 100");
      assertTrue(counter.flushes.get() - flushesBefore <= 5,
          (counter.flushes.get() - flushesBefore) + " flushes for a window of 100 publishes");
      loop.execute(Command.shutdown()).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** A run of QoS 0 publishes, which need no ack, flushes once per pull from the source. */
  @Test
  void aQos0RunFlushesFarLessOftenThanItWrites(TestBroker broker) throws Exception {
    MqttEventLoop loop = connectedLoop(broker.host(), broker.port(), 100);

    loop.run(Sources.from(NumberedPublishes.of(5_000, QoS.AT_MOST_ONCE))).toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    loop.execute(Command.disconnect()).toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertEquals(5_000, counter.publishes.get());
    assertTrue(counter.flushes.get() * 10 <= counter.publishes.get(),
        counter.flushes + " flushes for " + counter.publishes + " publishes");
  }

  private MqttEventLoop connectedLoop(String host, int port, int window) throws Exception {
    MqttOptions options = MqttOptions.builder().broker(host, port).maxInflight(window).build();
    MqttEventLoop loop = NettyMqtt.factory()
        .withPipeline(pipeline -> pipeline.addAfter("encoder", "flushCounter", counter))
        .create(options, executor, MqttState.EMPTY);
    loop.connect().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return loop;
  }

  /**
   * Counts the PUBLISH packets the loop writes and the flushes that send any: a flush with no
   * publish before it (the connection's own, say) is not counted.
   */
  private static final class FlushCounter extends ChannelDuplexHandler {
    final AtomicInteger publishes = new AtomicInteger();
    final AtomicInteger flushes = new AtomicInteger();
    private int publishesSinceFlush;

    @Override
    public boolean isSharable() {
      return true;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      if (msg instanceof MqttMessage message
          && message.fixedHeader().messageType() == MqttMessageType.PUBLISH) {
        publishes.incrementAndGet();
        publishesSinceFlush++;
      }
      ctx.write(msg, promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
      if (publishesSinceFlush > 0) {
        flushes.incrementAndGet();
        publishesSinceFlush = 0;
      }
      ctx.flush();
    }
  }
}
