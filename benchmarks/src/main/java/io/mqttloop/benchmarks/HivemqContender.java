package io.mqttloop.benchmarks;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientExecutorConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * HiveMQ MQTT Client, MQTT 3.1.1, through its asynchronous API: each publish returns a future,
 * and a {@link Window} keeps 100 of them unfinished. Connections share the client's default
 * Netty group (Netty's default size, twice the cores) except when idle, where they share a group
 * of two threads on an executor of their own.
 */
final class HivemqContender implements Contender {
  private static final int IDLE_THREADS = 2;

  @Override
  public Connection connect(BrokerEndpoint broker, String clientId) throws Exception {
    Mqtt3AsyncClient client = builder(broker, clientId).buildAsync();
    await(connect(client));
    return new AsyncConnection(client);
  }

  private static Mqtt3ClientBuilder builder(BrokerEndpoint broker, String clientId) {
    return MqttClient.builder().useMqttVersion3().identifier(clientId)
        .serverHost(broker.host()).serverPort(broker.port());
  }

  private static CompletableFuture<?> connect(Mqtt3AsyncClient client) {
    return client.connectWith().cleanSession(true).keepAlive(Settings.KEEP_ALIVE_SECONDS).send();
  }

  @Override
  public IdleConnections openIdle(BrokerEndpoint broker, int count) throws Exception {
    ExecutorService executor = Executors.newCachedThreadPool(Daemons.named("hivemq-idle"));
    MqttClientExecutorConfig shared = MqttClientExecutorConfig.builder()
        .nettyExecutor(executor).nettyThreads(IDLE_THREADS).build();
    List<Mqtt3AsyncClient> clients = Collections.synchronizedList(new ArrayList<>(count));
    Launches.run(count, i -> {
      Mqtt3AsyncClient client = builder(broker, "hivemq-idle-" + i)
          .executorConfig(shared).buildAsync();
      clients.add(client);
      return connect(client);
    });
    return () -> {
      Launches.run(clients.size(), i -> clients.get(i).disconnect());
      executor.shutdown();
      executor.awaitTermination(Settings.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    };
  }

  private static void await(CompletableFuture<?> future) throws Exception {
    future.get(Settings.TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /** One connected client. */
  private record AsyncConnection(Mqtt3AsyncClient client) implements Connection {

    @Override
    public void publish(String topic, byte[] payload, int qos, int count, int window)
        throws Exception {
      MqttQos level = MqttQos.fromCode(qos);
      Window.publish(count, window, unfinished -> client.publishWith().topic(topic).qos(level)
          .payload(payload).send().whenComplete((published, error) -> unfinished.leave(error)));
    }

    @Override
    public void timeRoundTrips(String topic, byte[] payload, long[] nanos) throws Exception {
      for (int i = 0; i < nanos.length; i++) {
        long start = System.nanoTime();
        await(client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload)
            .send());
        nanos[i] = System.nanoTime() - start;
      }
    }

    @Override
    public void disconnect() throws Exception {
      await(client.disconnect());
    }
  }
}
