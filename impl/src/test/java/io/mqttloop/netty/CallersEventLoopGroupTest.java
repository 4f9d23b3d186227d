package io.mqttloop.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.mqttloop.Command;
import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import io.mqttloop.Outcome;
import io.mqttloop.Publish;
import io.mqttloop.QoS;
import io.mqttloop.Sources;
import io.mqttloop.tck.NumberedPublishes;
import io.mqttloop.tck.broker.SharedBroker;
import io.mqttloop.tck.broker.TestBroker;
import io.mqttloop.tck.scripted.ScriptedBroker;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Loops can share a Netty event loop group the caller owns, and leave it running. */
@ExtendWith(SharedBroker.class)
class CallersEventLoopGroupTest {
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

  @AfterEach
  void shutDownTheGroup() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void twoLoopsShareOneGroupAndLeaveItRunning(TestBroker broker) throws Exception {
    MqttOptions options = MqttOptions.builder().broker(broker.host(), broker.port()).build();
    MqttEventLoop first = NettyMqtt.factory().create(options, group);
    MqttEventLoop second = NettyMqtt.factory().create(options, group);

    publishAndDisconnect(first);
    publishAndDisconnect(second);

    assertFalse(group.isShuttingDown(), "a loop never shuts down a group it does not own");
  }

  /**
   * On a group that outlives it, a shut-down loop's acknowledgement timer must not fail a request
   * it handed on in its state: the next loop owns it.
   */
  @Test
  void aClosedLoopLeavesTheTimeoutsOfItsStateAlone() throws Exception {
    try (ScriptedBroker scripted = ScriptedBroker.start().holdAcks()) {
      MqttOptions options = MqttOptions.builder().broker(scripted.host(), scripted.port())
          .ackTimeout(Duration.ofMillis(300)).build();
      MqttEventLoop loop = NettyMqtt.factory().create(options, group);
      loop.connect().toCompletableFuture().get(10, TimeUnit.SECONDS);
      Publish held = Publish.of("t", new byte[1], QoS.AT_LEAST_ONCE);
      loop.run(Sources.from(List.of(held)));
      scripted.awaitHeldAcks(1, Duration.ofSeconds(10));

      Outcome.ShutDown stopped = loop.execute(Command.shutdown()).toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
      group.schedule(() -> { }, 600, TimeUnit.MILLISECONDS).get(10, TimeUnit.SECONDS);

      assertEquals(List.of(held), stopped.state().requests());
      assertFalse(held.completion().toCompletableFuture().isDone(),
          "the closed loop's timer failed a request it had handed on");
    }
  }

  private static void publishAndDisconnect(MqttEventLoop loop) throws Exception {
    loop.connect().toCompletableFuture().get(10, TimeUnit.SECONDS);
    Outcome outcome = loop.run(Sources.from(NumberedPublishes.of(100, QoS.AT_LEAST_ONCE)))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertInstanceOf(Outcome.Completed.class, outcome);
    loop.execute(Command.disconnect()).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
