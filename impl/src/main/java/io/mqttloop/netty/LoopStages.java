package io.mqttloop.netty;

import io.mqttloop.Publish;
import io.mqttloop.Request;
import io.mqttloop.RequestRefusedException;
import io.mqttloop.Unsubscribe;
import io.mqttloop.spi.LoopStage;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/** Completes the stages requests carry, whatever their type, and stages that follow others. */
final class LoopStages {
  private LoopStages() {}

  /** Completes a publish or an unsubscribe with itself; a subscribe completes with its SUBACK. */
  static void succeed(Request request) {
    if (request instanceof Publish publish) {
      LoopStage.of(publish).succeed(publish);
    } else if (request instanceof Unsubscribe unsubscribe) {
      LoopStage.of(unsubscribe).succeed(unsubscribe);
    }
  }

  static void fail(Request request, Throwable cause) {
    LoopStage.fail(request, cause);
  }

  static void refuse(Request request, String why) {
    fail(request, new RequestRefusedException(request, why));
  }

  /** Completes {@code stage} as another stage completed, with its value or its failure. */
  static <T> void settle(LoopStage<T> stage, @Nullable T value, @Nullable Throwable failure) {
    if (failure == null) {
      stage.succeed(value);
    } else {
      stage.fail(failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause() : failure);
    }
  }
}
