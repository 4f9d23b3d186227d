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
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
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

  @ParameterizedTest
  @EnumSource(QoS.class)
  void aRunFlushesFarLessOftenThanItWritesPublishes(QoS qos, TestBroker broker)
      throws Exception {
    MqttOptions options = MqttOptions.builder().broker(broker.host(), broker.port())
        .maxInflight(100).build();
    MqttEventLoop loop = NettyMqtt.create(options, executor, MqttState.EMPTY,
        pipeline -> pipeline.addAfter("encoder", "flushCounter", counter));
    loop.connect().toCompletableFuture().get(10, TimeUnit.SECONDS);

    loop.run(Sources.from(NumberedPublishes.of(5_000, qos))).toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    loop.execute(Command.disconnect()).toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertEquals(5_000, counter.publishes.get());
    assertTrue(counter.flushes.get() * 10 <= counter.publishes.get(),
        counter.flushes + " flushes for " + counter.publishes + " publishes");
  }

  /** Counts the PUBLISH packets the loop writes and the flushes it asks for. */
  private static final class FlushCounter extends ChannelDuplexHandler {
    final AtomicInteger publishes = new AtomicInteger();
    final AtomicInteger flushes = new AtomicInteger();

    @Override
    public boolean isSharable() {
      return true;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      if (msg instanceof MqttMessage message
          && message.fixedHeader().messageType() == MqttMessageType.PUBLISH) {
        publishes.incrementAndGet();
      }
      ctx.write(msg, promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
      flushes.incrementAndGet();
      ctx.flush();
    }
  }
}
