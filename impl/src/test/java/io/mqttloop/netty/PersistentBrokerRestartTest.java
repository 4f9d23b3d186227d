package io.mqttloop.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttloop.Command;
import io.mqttloop.Connected;
import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import io.mqttloop.QoS;
import io.mqttloop.Sources;
import io.mqttloop.Subscribe;
import io.mqttloop.tck.NumberedPublishes;
import io.mqttloop.tck.RecordingSubscriber;
import io.mqttloop.tck.broker.Brokers;
import io.mqttloop.tck.broker.MosquittoBroker;
import io.mqttloop.tck.broker.MosquittoConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A mosquitto with persistence keeps a persistent session's queued messages across a restart,
 * and a loop coming back to it gets them: the broker fixture's restart, end to end.
 */
class PersistentBrokerRestartTest {

  @Test
  void queuedMessagesSurviveABrokerRestart() throws Exception {
    ExecutorService executor = Executors.newCachedThreadPool();
    try (MosquittoBroker broker = Brokers.mosquittoWith(
        MosquittoConfig.defaults().withPersistence())) {
      MqttOptions persistent = MqttOptions.builder().broker(broker.host(), broker.port())
          .clientId("restart-" + ProcessHandle.current().pid()).cleanSession(false).build();
      MqttEventLoop away = NettyMqtt.factory().create(persistent, executor);
      get(away.connect());
      get(away.run(Sources.from(List.of(Subscribe.to("restart/t", QoS.AT_LEAST_ONCE)))));
      get(away.execute(Command.disconnect()));
      MqttEventLoop publisher = NettyMqtt.factory().create(
          MqttOptions.builder().broker(broker.host(), broker.port()).build(), executor);
      get(publisher.connect());
      get(publisher.run(Sources.from(NumberedPublishes.of(5, QoS.AT_LEAST_ONCE, "restart/t"))));
      get(publisher.execute(Command.disconnect()));

      broker.restart();

      RecordingSubscriber inbox = RecordingSubscriber.takingAll();
      MqttEventLoop back = NettyMqtt.factory().create(persistent, executor);
      back.messages().subscribe(inbox);
      Connected connected = get(back.connect());
      assertTrue(connected.sessionPresent(), "the session survived the restart");
      assertEquals(5, inbox.awaitCount(5, Duration.ofSeconds(10)).size());
      get(back.execute(Command.disconnect()));
    } finally {
      executor.shutdownNow();
    }
  }

  private static <T> T get(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
