package io.mqttloop.netty;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttloop.Command;
import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttException;
import io.mqttloop.MqttOptions;
import io.mqttloop.tck.scripted.ScriptedBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A pipeline that cannot be set up (a handler of the caller's that throws, say) fails the connect
 * at once, typed, and leaves no socket open.
 */
class PipelineSetupFailureTest {
  private final ExecutorService executor = Executors.newCachedThreadPool();

  @AfterEach
  void shutDownTheExecutor() throws InterruptedException {
    executor.shutdown();
    assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS), "a loop kept its thread");
  }

  @Test
  void aThrowingPipelineSetupFailsTheConnectAndClosesTheSocket() throws Exception {
    Path descriptors = Path.of("/proc/self/fd");
    Assumptions.assumeTrue(Files.isDirectory(descriptors), "needs /proc to count sockets");
    try (ScriptedBroker scripted = ScriptedBroker.start()) {
      MqttOptions options = MqttOptions.builder().broker(scripted.host(), scripted.port())
          .connectTimeout(Duration.ofSeconds(30)).build();
      MqttEventLoop loop = NettyMqtt.factory().withPipeline(pipeline -> {
        throw new IllegalStateException("a handler that cannot be added");
      }).create(options, executor);
      long openBefore = count(descriptors);

      ExecutionException failed = assertThrows(ExecutionException.class,
          () -> loop.connect().toCompletableFuture().get(5, TimeUnit.SECONDS));

      MqttException cause = assertInstanceOf(MqttException.class, failed.getCause());
      assertTrue(cause.getMessage().startsWith("could not set up the connection to "),
          cause.getMessage());
      assertInstanceOf(IllegalStateException.class, cause.getCause());
      loop.execute(Command.shutdown()).handle((outcome, closed) -> null)
          .toCompletableFuture().get(5, TimeUnit.SECONDS);
      // The event loop's selector closes as its thread ends, a moment after the shutdown.
      Awaitility.await("descriptors back to " + openBefore).atMost(Duration.ofSeconds(10))
          .until(() -> count(descriptors) == openBefore);
    }
  }

  private static long count(Path descriptors) throws IOException {
    try (Stream<Path> open = Files.list(descriptors)) {
      return open.count();
    }
  }
}
