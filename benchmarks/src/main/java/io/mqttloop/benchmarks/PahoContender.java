package io.mqttloop.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.jspecify.annotations.Nullable;

/**
 * Eclipse Paho's asynchronous client, with its inflight limit raised to 100 and a {@link Window}
 * of 100 unfinished publishes in front of it. Each client runs threads of its own (receiver,
 * sender, callback and keep-alive timer), so it holds at most 1,000 idle connections here: ten
 * thousand would take some 40,000 threads.
 */
final class PahoContender implements Contender {
  private static final int MAX_IDLE = 1_000;
  private static final long TIMEOUT_MILLIS =
      TimeUnit.SECONDS.toMillis(Settings.TIMEOUT_SECONDS);

  @Override
  public Connection connect(BrokerEndpoint broker, String clientId) throws MqttException {
    return new AsyncConnection(open(broker, clientId, Settings.WINDOW));
  }

  private static MqttAsyncClient open(BrokerEndpoint broker, String clientId, int window)
      throws MqttException {
    MqttAsyncClient client =
        new MqttAsyncClient(broker.tcpUri(), clientId, new MemoryPersistence());
    client.connect(options(window)).waitForCompletion(TIMEOUT_MILLIS);
    return client;
  }

  private static MqttConnectOptions options(int window) {
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    options.setMaxInflight(window);
    options.setKeepAliveInterval(Settings.KEEP_ALIVE_SECONDS);
    return options;
  }

  /**
   * Connects {@link Launches#AT_ONCE} clients at a time: a Paho connect spends some 300 ms
   * asleep, waiting for its sender thread to start.
   */
  @Override
  public IdleConnections openIdle(BrokerEndpoint broker, int count) throws Exception {
    List<MqttAsyncClient> clients = Collections.synchronizedList(new ArrayList<>(count));
    Launches.run(count, i -> {
      CompletableFuture<Void> connected = new CompletableFuture<>();
      try {
        MqttAsyncClient client = new MqttAsyncClient(broker.tcpUri(), "paho-idle-" + i,
            new MemoryPersistence());
        clients.add(client);
        client.connect(options(Settings.WINDOW), null, completing(connected));
      } catch (MqttException e) {
        connected.completeExceptionally(e);
      }
      return connected;
    });
    return () -> {
      for (MqttAsyncClient client : clients) {
        close(client);
      }
    };
  }

  private static IMqttActionListener completing(CompletableFuture<Void> future) {
    return whenDone(error -> {
      if (error == null) {
        future.complete(null);
      } else {
        future.completeExceptionally(error);
      }
    });
  }

  /** A listener that hands {@code done} null on success, or the failure. */
  private static IMqttActionListener whenDone(Consumer<@Nullable Throwable> done) {
    return new IMqttActionListener() {
      @Override
      public void onSuccess(IMqttToken token) {
        done.accept(null);
      }

      @Override
      public void onFailure(IMqttToken token, Throwable error) {
        done.accept(error);
      }
    };
  }

  @Override
  public int maxIdle() {
    return MAX_IDLE;
  }

  private static void close(MqttAsyncClient client) throws MqttException {
    client.disconnect().waitForCompletion(TIMEOUT_MILLIS);
    client.close();
  }

  /** One connected client. */
  private record AsyncConnection(MqttAsyncClient client) implements Connection {

    @Override
    public void publish(String topic, byte[] payload, int qos, int count, int window)
        throws Exception {
      Window.publish(count, window, unfinished ->
          client.publish(topic, payload, qos, false, null, whenDone(unfinished::leave)));
    }

    @Override
    public void timeRoundTrips(String topic, byte[] payload, long[] nanos) throws MqttException {
      for (int i = 0; i < nanos.length; i++) {
        long start = System.nanoTime();
        client.publish(topic, payload, 1, false).waitForCompletion(TIMEOUT_MILLIS);
        nanos[i] = System.nanoTime() - start;
      }
    }

    @Override
    public void disconnect() throws MqttException {
      close(client);
    }
  }
}
