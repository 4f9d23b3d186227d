package io.mqttloop.netty;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttloop.spi.LoopStage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The reporter this module provides is the one the api finds, and it really writes the warning.
 * slf4j-simple looks up {@code System.err} at every write, so swapping the stream captures it;
 * other loggers may write meanwhile, hence the unique marker.
 */
class Slf4jCallbackFailureReporterTest {

  @Test
  void aThrowingCallbackOnALoopStageIsLoggedAsOneWarningNamingItsException() {
    String marker = "callback-bug-" + UUID.randomUUID();
    LoopStage<String> stage = new LoopStage<>();
    CompletableFuture<Void> dependent = stage.thenAccept(value -> {
      throw new IllegalStateException(marker);
    });

    String written = stderrWhile(() -> stage.succeed("acked"));

    assertTrue(dependent.isCompletedExceptionally());
    List<String> warnings = written.lines()
        .filter(line -> line.contains(marker))
        .filter(line -> line.contains("A callback on a mqttloop stage threw"))
        .toList();
    assertEquals(1, warnings.size(), written);
    assertTrue(warnings.get(0).contains("WARN"), warnings.get(0));
    assertTrue(warnings.get(0).contains("IllegalStateException"), warnings.get(0));
  }

  /** What is written to {@code System.err} while {@code action} runs; passed on afterwards. */
  private static String stderrWhile(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    String written = captured.toString(UTF_8);
    original.print(written);
    return written;
  }
}
