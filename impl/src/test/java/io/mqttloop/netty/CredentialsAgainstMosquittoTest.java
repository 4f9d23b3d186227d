package io.mqttloop.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mqttloop.Command;
import io.mqttloop.ConnectReturnCode;
import io.mqttloop.Connected;
import io.mqttloop.ConnectionRefusedException;
import io.mqttloop.Credentials;
import io.mqttloop.MqttClosedException;
import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import io.mqttloop.Sources;
import io.mqttloop.tck.broker.Brokers;
import io.mqttloop.tck.broker.MosquittoBroker;
import io.mqttloop.tck.broker.MosquittoConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * User names and passwords against mosquitto with a password file: the right ones connect, wrong
 * ones fail with the refusal and its return code. Skipped where mosquitto is not installed.
 */
class CredentialsAgainstMosquittoTest {
  private static MosquittoBroker broker;
  private static ExecutorService executor;

  /** Started by the first test; where mosquitto is missing, each test is skipped, saying so. */
  @BeforeEach
  void startMosquittoWithAUser() {
    if (broker == null) {
      broker = Brokers.mosquittoWith(MosquittoConfig.defaults().withUser("alice", "s3cret"));
      executor = Executors.newCachedThreadPool();
    }
  }

  @AfterAll
  static void stop() {
    if (broker != null) {
      broker.close();
    }
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  @Test
  void theRightPasswordConnects() throws Exception {
    MqttEventLoop loop = loopWith(Credentials.of("alice", bytes("s3cret")));

    Connected connected = loop.connect().toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertEquals(broker.port(), connected.port());
    loop.execute(Command.disconnect()).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aWrongPasswordIsRefusedWithItsReturnCode() {
    MqttEventLoop loop = loopWith(Credentials.of("alice", bytes("wrong")));

    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> loop.connect().toCompletableFuture().get(10, TimeUnit.SECONDS));

    ConnectionRefusedException refused =
        assertInstanceOf(ConnectionRefusedException.class, failure.getCause());
    assertEquals(ConnectReturnCode.NOT_AUTHORIZED, refused.returnCode());
    ExecutionException afterwards = assertThrows(ExecutionException.class,
        () -> loop.run(Sources.from(List.of())).toCompletableFuture().get(10, TimeUnit.SECONDS));
    assertInstanceOf(MqttClosedException.class, afterwards.getCause());
  }

  @Test
  void noCredentialsAreRefusedWhereAnonymousUsersAreNot() {
    MqttEventLoop loop = loopWith(null);

    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> loop.connect().toCompletableFuture().get(10, TimeUnit.SECONDS));

    assertInstanceOf(ConnectionRefusedException.class, failure.getCause());
  }

  private static MqttEventLoop loopWith(Credentials credentials) {
    MqttOptions options = MqttOptions.builder().broker(broker.host(), broker.port())
        .credentials(credentials).build();
    return NettyMqtt.factory().create(options, executor);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
