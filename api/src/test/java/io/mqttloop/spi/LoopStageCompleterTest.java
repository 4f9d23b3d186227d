package io.mqttloop.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttloop.Publish;
import io.mqttloop.QoS;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LoopStageCompleterTest {
  private final Queue<Runnable> tasks = new ArrayDeque<>();
  private final Executor held = tasks::add;

  @Test
  void aStageWithACompleterCompletesInItsTaskOnly() {
    LoopStage<String> stage = new LoopStage<>(held);
    AtomicReference<String> seen = new AtomicReference<>();
    stage.thenAccept(seen::set);

    assertTrue(stage.succeed("acked"));

    assertFalse(stage.isDone(), "completed before the completer ran its task");
    tasks.remove().run();
    assertEquals("acked", seen.get());
  }

  @Test
  void theFirstSettleWinsBeforeTheCompleterRuns() {
    LoopStage<String> stage = new LoopStage<>(held);

    assertTrue(stage.fail(new IllegalStateException("first")));
    assertFalse(stage.succeed("second"));
    assertFalse(stage.fail(new IllegalStateException("third")));

    assertEquals(1, tasks.size());
    tasks.remove().run();
    assertTrue(stage.isCompletedExceptionally());
  }

  @Test
  void aRefusingCompleterLeavesNoStageHanging() {
    LoopStage<String> stage = new LoopStage<>(task -> {
      throw new RejectedExecutionException("full");
    });

    assertTrue(stage.succeed("acked"));

    assertEquals("acked", stage.getNow(null));
  }

  @Test
  void aRequestsStageTakesTheCompleterItIsGiven() {
    Publish publish = Publish.of("t", new byte[0], QoS.AT_LEAST_ONCE);
    LoopStage.completeOn(publish, held);

    LoopStage.of(publish).succeed(publish);

    assertFalse(publish.completion().toCompletableFuture().isDone());
    tasks.remove().run();
    assertSame(publish, publish.completion().toCompletableFuture().join());
  }

  @Test
  void aNullCompleterOrCauseIsRefusedByName() {
    LoopStage<String> stage = new LoopStage<>();

    assertThrows(NullPointerException.class, () -> stage.completeOn(null), "completer");
    assertThrows(NullPointerException.class, () -> stage.fail(null), "cause");
  }
}
