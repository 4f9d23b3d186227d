package io.mqttloop.benchmarks;

import io.mqttloop.Publish;
import io.mqttloop.QoS;
import io.mqttloop.spi.LoopStage;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Completing a request's stage as the loop does on an acknowledgement: a new {@link LoopStage},
 * settled with {@link LoopStage#succeed}, with no callback and with one waiting on it.
 */
public class LoopStageBenchmark extends ShortRun {
  private final Publish publish = Publish.of("bench/stage", new byte[64], QoS.AT_LEAST_ONCE);
  private long completed;

  @Benchmark
  public LoopStage<Publish> succeed() {
    LoopStage<Publish> stage = new LoopStage<>();
    stage.succeed(publish);
    return stage;
  }

  @Benchmark
  public LoopStage<Publish> succeedWithACallback() {
    LoopStage<Publish> stage = new LoopStage<>();
    stage.thenRun(this::countCompletion);
    stage.succeed(publish);
    return stage;
  }

  private void countCompletion() {
    completed++;
  }
}
