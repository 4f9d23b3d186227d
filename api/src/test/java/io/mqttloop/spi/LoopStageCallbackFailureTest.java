package io.mqttloop.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A callback on a loop's stage that throws is reported once and otherwise changes nothing. */
class LoopStageCallbackFailureTest {
  private static final Executor DIRECT = Runnable::run;

  private final IllegalStateException loopFailure = new IllegalStateException("connection lost");

  @BeforeEach
  void forgetEarlierReports() {
    RecordingReporter.forget();
  }

  /** How a test attaches a callback that throws {@code thrown} to {@code source}. */
  interface Attach {
    CompletableFuture<?> to(CompletableFuture<String> source, RuntimeException thrown);
  }

  /** One way to give a stage a callback; the source fails first for the recovering ones. */
  record Shape(String name, boolean sourceFails, Attach attach) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Shape> shapes() {
    CompletableFuture<String> done = CompletableFuture.completedFuture("other");
    CompletableFuture<String> never = new CompletableFuture<>();
    return Stream.of(
        new Shape("thenApply", false, (s, x) -> s.thenApply(v -> raise(x))),
        new Shape("thenAccept", false, (s, x) -> s.thenAccept(v -> raise(x))),
        new Shape("thenRun", false, (s, x) -> s.thenRun(() -> raise(x))),
        new Shape("thenCombine", false, (s, x) -> s.thenCombine(done, (a, b) -> raise(x))),
        new Shape("runAfterBoth", false, (s, x) -> s.runAfterBoth(done, () -> raise(x))),
        new Shape("acceptEither", false, (s, x) -> s.acceptEither(never, v -> raise(x))),
        new Shape("thenCompose", false, (s, x) -> s.thenCompose(v -> raise(x))),
        new Shape("handle", false, (s, x) -> s.handle((v, e) -> raise(x))),
        new Shape("whenComplete", false, (s, x) -> s.whenComplete((v, e) -> raise(x))),
        new Shape("exceptionally", true, (s, x) -> s.exceptionally(e -> raise(x))),
        new Shape("exceptionallyCompose", true,
            (s, x) -> s.exceptionallyCompose(e -> raise(x))),
        new Shape("thenApplyAsync on an executor", false,
            (s, x) -> s.thenApplyAsync(v -> raise(x), DIRECT)),
        new Shape("handleAsync on the common pool", false,
            (s, x) -> s.handleAsync((v, e) -> raise(x))));
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void aThrowingCallbackIsReportedOnceAndFailsItsStageAsAPlainFutureWould(Shape shape) {
    RuntimeException thrown = new IllegalArgumentException("callback bug");
    LoopStage<String> stage = new LoopStage<>();
    CompletableFuture<String> plain = new CompletableFuture<>();

    CompletableFuture<?> guardedDependent = shape.attach().to(stage, thrown);
    CompletableFuture<?> plainDependent = shape.attach().to(plain, thrown);
    settle(stage, plain, shape.sourceFails());

    Throwable guardedFailure = failureOf(guardedDependent);
    Throwable plainFailure = failureOf(plainDependent);
    assertEquals(plainFailure.getClass(), guardedFailure.getClass());
    assertSame(thrown, guardedFailure.getCause());
    assertEquals(List.of(thrown), RecordingReporter.reported());
  }

  @Test
  void aRethrowInALaterCallbackIsNotReportedAgain() {
    RuntimeException thrown = new IllegalArgumentException("callback bug");
    LoopStage<String> stage = new LoopStage<>();

    CompletableFuture<String> failed = stage.thenApply(v -> raise(thrown));
    CompletableFuture<String> end = failed
        .<String>handle((v, e) -> raise((CompletionException) e))
        .whenComplete((v, e) -> raise((RuntimeException) e.getCause()))
        .exceptionally(e -> raise(new CompletionException(e.getCause())))
        .exceptionallyCompose(e -> raise((CompletionException) e));
    stage.succeed("acked");

    assertSame(thrown, failureOf(end).getCause());
    assertEquals(List.of(thrown), RecordingReporter.reported());
  }

  @Test
  void theLoopsOwnFailureRethrownByACallbackIsNoCallbackFailure() {
    LoopStage<String> stage = new LoopStage<>();

    CompletableFuture<String> end = stage.exceptionally(e -> raise((RuntimeException) e));
    stage.fail(loopFailure);

    assertSame(loopFailure, failureOf(end).getCause());
    assertEquals(List.of(), RecordingReporter.reported());
  }

  @Test
  void callbacksThatDoNotThrowReportNothing() {
    LoopStage<String> stage = new LoopStage<>();

    CompletableFuture<String> end = stage
        .thenApply(String::toUpperCase)
        .thenCombine(CompletableFuture.completedFuture("!"), String::concat)
        .thenCompose(CompletableFuture::completedFuture)
        .whenComplete((v, e) -> { })
        .thenApplyAsync(v -> v + "?", DIRECT)
        .handle((v, e) -> v);
    stage.succeed("acked");

    assertEquals("ACKED!?", end.join());
    assertEquals(List.of(), RecordingReporter.reported());
  }

  @Test
  void dependentsOfDependentsKeepReporting() {
    RuntimeException first = new IllegalArgumentException("first bug");
    RuntimeException second = new IllegalArgumentException("second bug");
    RuntimeException third = new IllegalArgumentException("third bug");
    LoopStage<String> stage = new LoopStage<>();
    stage.succeed("acked");

    CompletableFuture<Void> deep = stage.thenApply(String::length)
        .thenApply(n -> n + 1)
        .thenAccept(n -> raise(first))
        .handle((v, e) -> raise(second));
    CompletableFuture<String> viaCopy = stage.toCompletableFuture()
        .thenApply(v -> v)
        .thenApply(v -> raise(third));

    assertSame(second, failureOf(deep).getCause());
    assertSame(third, failureOf(viaCopy).getCause());
    assertEquals(List.of(first, second, third), RecordingReporter.reported());
  }

  @Test
  void anErrorIsReportedAndRethrownAsIs() {
    AssertionError thrown = new AssertionError("callback assertion");
    LoopStage<String> stage = new LoopStage<>();
    stage.succeed("acked");

    CompletableFuture<Void> dependent = stage.thenRun(() -> {
      throw thrown;
    });

    assertSame(thrown, failureOf(dependent).getCause());
    assertEquals(List.of(thrown), RecordingReporter.reported());
  }

  @Test
  void aNullCallbackIsRefusedAtOnceAsByAPlainFuture() {
    LoopStage<String> stage = new LoopStage<>();

    assertThrows(NullPointerException.class, () -> stage.thenApply(null));
    assertThrows(NullPointerException.class, () -> stage.handleAsync(null, DIRECT));
    assertThrows(NullPointerException.class, () -> stage.exceptionallyCompose(null));
    assertThrows(NullPointerException.class, () -> stage.runAfterBoth(stage, null));
    assertTrue(RecordingReporter.reported().isEmpty());
  }

  private void settle(LoopStage<String> stage, CompletableFuture<String> plain, boolean fails) {
    if (fails) {
      stage.fail(loopFailure);
      plain.completeExceptionally(loopFailure);
    } else {
      stage.succeed("acked");
      plain.complete("acked");
    }
  }

  /** The exception a stage completed with, as its dependents are handed it. */
  private static Throwable failureOf(CompletableFuture<?> stage) {
    return stage.handle((value, failure) -> failure).join();
  }

  private static <R> R raise(RuntimeException thrown) {
    throw thrown;
  }
}
