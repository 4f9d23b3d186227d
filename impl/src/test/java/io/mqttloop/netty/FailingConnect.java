package io.mqttloop.netty;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mqttloop.Connected;
import io.mqttloop.MqttOptions;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * One connect of a loop of its own, watched for what it leaves behind once it has failed: every
 * channel it opened must be closed, and no thread may have been started but its executor's (see
 * {@link ThreadCensus}), taken when it starts: start the brokers first.
 */
final class FailingConnect {
  private final ThreadCensus census = ThreadCensus.take();
  private final List<Channel> channels = new CopyOnWriteArrayList<>();
  private final long startNanos = System.nanoTime();
  private final CompletableFuture<Connected> connect;

  private FailingConnect(MqttOptions options) {
    connect = NettyMqtt.factory().withPipeline(pipeline -> channels.add(pipeline.channel()))
        .create(options, census.executor()).connect().toCompletableFuture();
  }

  /** Starts connecting with {@code options}. */
  static FailingConnect start(MqttOptions options) {
    return new FailingConnect(options);
  }

  /** Connects with {@code options} and returns why it failed, as {@link #failure} does. */
  static Throwable failureOf(MqttOptions options) throws Exception {
    return start(options).failure(Duration.ofSeconds(10));
  }

  /**
   * Waits at most {@code within} for the connect to fail, checks that it left nothing behind and
   * returns why it failed.
   */
  Throwable failure(Duration within) throws Exception {
    try {
      ExecutionException failed = assertThrows(ExecutionException.class,
          () -> connect.get(within.toMillis(), TimeUnit.MILLISECONDS), "the connect's failure");
      assertFalse(channels.isEmpty(), "the loop made a channel");
      Awaitility.await("every channel of the loop closed").atMost(Duration.ofSeconds(5))
          .pollInSameThread().until(() -> channels.stream().noneMatch(Channel::isOpen));
      census.assertOnlyTheExecutorStartedThreads();
      return failed.getCause();
    } finally {
      census.end();
    }
  }

  /** How long since the connect started. */
  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
