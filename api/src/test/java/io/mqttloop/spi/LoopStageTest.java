package io.mqttloop.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoopStageTest {

  @Test
  void everyWayToCompleteItFromOutsideIsRefused() {
    LoopStage<String> stage = new LoopStage<>();

    assertThrows(UnsupportedOperationException.class, () -> stage.complete("x"));
    assertThrows(UnsupportedOperationException.class,
        () -> stage.completeExceptionally(new RuntimeException()));
    assertThrows(UnsupportedOperationException.class, () -> stage.cancel(true));
    assertThrows(UnsupportedOperationException.class, () -> stage.obtrudeValue("x"));
    assertThrows(UnsupportedOperationException.class, () -> stage.orTimeout(1, TimeUnit.SECONDS));
    assertFalse(stage.isDone());
  }

  @Test
  void theLoopCompletesItOnce() {
    LoopStage<String> stage = new LoopStage<>();

    assertTrue(stage.succeed("first"));
    assertFalse(stage.fail(new RuntimeException()));

    assertEquals("first", stage.join());
  }

  @Test
  void theCopyFailsWithTheSameExceptionUnwrapped() {
    LoopStage<String> stage = new LoopStage<>();
    IllegalStateException failure = new IllegalStateException("failed");
    stage.fail(failure);

    Throwable seen = stage.toCompletableFuture().handle((value, error) -> error).join();

    assertSame(failure, seen);
  }

  @Test
  void toCompletableFutureIsACopyThatFollowsTheStage() {
    LoopStage<String> stage = new LoopStage<>();
    CompletableFuture<String> copy = stage.toCompletableFuture();
    CompletableFuture<String> abandoned = stage.toCompletableFuture();

    abandoned.cancel(true);
    stage.succeed("done");

    assertEquals("done", copy.join());
    assertFalse(stage.isCompletedExceptionally());
  }
}
