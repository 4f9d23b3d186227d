package io.mqttloop.benchmarks;

import io.mqttloop.Command;
import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import io.mqttloop.Publish;
import io.mqttloop.QoS;
import io.mqttloop.RequestChannel;
import io.mqttloop.Sources;
import io.mqttloop.netty.NettyMqtt;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * mqttloop, every connection on one shared Netty group of two NIO threads. A batch of publishes
 * is one run over an iterator that makes each {@link Publish} as the loop asks for it, with the
 * options' inflight window as the window; round trips go through a {@link RequestChannel}.
 */
final class MqttloopContender implements Contender {
  private static final int GROUP_THREADS = 2;

  private final EventLoopGroup group = newGroup();

  @Override
  public Connection connect(BrokerEndpoint broker, String clientId) throws Exception {
    MqttEventLoop loop = NettyMqtt.factory().create(options(broker, clientId), group);
    LoopConnection.await(loop.connect());
    return new LoopConnection(loop);
  }

  private static MqttOptions options(BrokerEndpoint broker, String clientId) {
    return MqttOptions.builder().broker(broker.host(), broker.port()).clientId(clientId)
        .keepAliveSeconds(Settings.KEEP_ALIVE_SECONDS).maxInflight(Settings.WINDOW).build();
  }

  /** A group of two NIO threads of its own, shared by every idle connection. */
  @Override
  public IdleConnections openIdle(BrokerEndpoint broker, int count) throws Exception {
    EventLoopGroup idleGroup = newGroup();
    List<MqttEventLoop> loops = Collections.synchronizedList(new ArrayList<>(count));
    Launches.run(count, i -> {
      MqttEventLoop loop = NettyMqtt.factory()
          .create(options(broker, "mqttloop-idle-" + i), idleGroup);
      loops.add(loop);
      return loop.connect();
    });
    return () -> {
      Launches.run(loops.size(), i -> loops.get(i).execute(Command.disconnect()));
      idleGroup.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
    };
  }

  @Override
  public void close() throws InterruptedException {
    group.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
  }

  private static EventLoopGroup newGroup() {
    return new MultiThreadIoEventLoopGroup(GROUP_THREADS, NioIoHandler.newFactory());
  }

  /** One connected loop. */
  private record LoopConnection(MqttEventLoop loop) implements Connection {

    /** The window is the loop's inflight window, set when it connected. */
    @Override
    public void publish(String topic, byte[] payload, int qos, int count, int window)
        throws Exception {
      Iterator<Publish> publishes = new Publishes(topic, payload, QoS.of(qos), count);
      await(loop.run(Sources.from(publishes)));
    }

    @Override
    public void timeRoundTrips(String topic, byte[] payload, long[] nanos) throws Exception {
      RequestChannel channel = RequestChannel.withCapacity(1);
      CompletionStage<?> run = loop.run(channel);
      for (int i = 0; i < nanos.length; i++) {
        Publish publish = Publish.of(topic, payload, QoS.AT_LEAST_ONCE);
        long start = System.nanoTime();
        channel.send(publish);
        await(publish.completion());
        nanos[i] = System.nanoTime() - start;
      }
      channel.close();
      await(run);
    }

    @Override
    public void disconnect() throws Exception {
      await(loop.execute(Command.disconnect()));
    }

    private static void await(CompletionStage<?> stage) throws Exception {
      stage.toCompletableFuture().get(Settings.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
  }

  /** Makes each publish only when the loop takes it, as an application's source would. */
  private static final class Publishes implements Iterator<Publish> {
    private final String topic;
    private final byte[] payload;
    private final QoS qos;
    private int left;

    Publishes(String topic, byte[] payload, QoS qos, int count) {
      this.topic = topic;
      this.payload = payload;
      this.qos = qos;
      this.left = count;
    }

    @Override
    public boolean hasNext() {
      return left > 0;
    }

    @Override
    public Publish next() {
      if (left == 0) {
        throw new NoSuchElementException();
      }
      left--;
      return Publish.of(topic, payload, qos);
    }
  }
}
