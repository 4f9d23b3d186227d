package io.mqttloop.netty;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An executor that refuses the loop's task fails the connect instead of leaving it hanging. */
class RejectingExecutorTest {

  @Test
  void aConnectOnAnExecutorThatRejectsFailsWithTheRejection() {
    Executor full = task -> {
      throw new RejectedExecutionException("the caller's pool is full");
    };
    MqttEventLoop loop = NettyMqtt.factory().create(MqttOptions.builder().build(), full);

    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> loop.connect().toCompletableFuture().get(5, TimeUnit.SECONDS));

    assertInstanceOf(RejectedExecutionException.class, failure.getCause());
  }
}
