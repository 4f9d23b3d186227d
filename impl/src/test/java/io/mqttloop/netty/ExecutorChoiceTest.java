package io.mqttloop.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mqttloop.Command;
import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import io.mqttloop.Outcome;
import io.mqttloop.tck.RecordingSubscriber;
import io.netty.channel.DefaultEventLoopGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What the executor a loop is given may be, and what a loop holds before it connects. */
class ExecutorChoiceTest {
  private final MqttOptions options = MqttOptions.builder().build();

  @Test
  void aNettyGroupThatDoesNotRunNioIsRefusedWhenTheLoopIsMade() {
    DefaultEventLoopGroup notNio = new DefaultEventLoopGroup(1);
    try {
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
          () -> NettyMqtt.factory().create(options, notNio));

      assertTrue(refused.getMessage().startsWith("executor must be a Netty group running NIO"),
          refused.getMessage());
    } finally {
      notNio.shutdownGracefully(0, 0, TimeUnit.SECONDS);
    }
  }

  @Test
  void anExecutorThatRunsTheTaskOnTheCallingThreadFailsTheConnect() {
    MqttEventLoop loop = NettyMqtt.factory().create(options, Runnable::run);

    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> loop.connect().toCompletableFuture().get(5, TimeUnit.SECONDS));

    assertInstanceOf(RejectedExecutionException.class, failure.getCause());
    assertTrue(failure.getCause().getMessage().contains("on the calling thread"),
        failure.getCause().getMessage());
  }

  @Test
  void loopsNeverConnectedHoldNoFileDescriptor() throws Exception {
    Path descriptors = Path.of("/proc/self/fd");
    assumeTrue(Files.isDirectory(descriptors), "needs /proc/self/fd to count descriptors");
    ExecutorService executor = Executors.newCachedThreadPool();
    try {
      long before = count(descriptors);
      List<MqttEventLoop> loops = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        loops.add(NettyMqtt.factory().create(options, executor));
      }

      assertTrue(count(descriptors) < before + 20, "200 loops opened descriptors");
      Outcome.ShutDown outcome = loops.get(0).execute(Command.shutdown()).toCompletableFuture()
          .get(5, TimeUnit.SECONDS);
      assertEquals(0, outcome.state().requests().size());
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void subscribingToMessagesBeforeConnectHoldsNoThread() throws Exception {
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
      threads.incrementAndGet();
      return new Thread(runnable);
    });
    try {
      MqttEventLoop loop = NettyMqtt.factory().create(options, executor);
      RecordingSubscriber early = RecordingSubscriber.takingAll();

      loop.messages().subscribe(early);

      assertEquals(0, threads.get(), "no thread until the loop connects");
      loop.execute(Command.shutdown()).toCompletableFuture().get(5, TimeUnit.SECONDS);
      assertTrue(early.completed(), "the early subscriber hears that the loop closed");
    } finally {
      executor.shutdownNow();
    }
  }

  private static long count(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.count();
    }
  }
}
