package io.mqttloop.netty;

import io.mqttloop.Publish;
import io.mqttloop.Request;
import io.mqttloop.RequestRefusedException;
import io.mqttloop.Subscribe;
import io.mqttloop.Unsubscribe;
import io.mqttloop.spi.LoopStage;

/** Completes the stages requests carry, whatever their type. */
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
    if (request instanceof Publish publish) {
      LoopStage.of(publish).fail(cause);
    } else if (request instanceof Subscribe subscribe) {
      LoopStage.of(subscribe).fail(cause);
    } else if (request instanceof Unsubscribe unsubscribe) {
      LoopStage.of(unsubscribe).fail(cause);
    }
  }

  static void refuse(Request request, String why) {
    fail(request, new RequestRefusedException(request, why));
  }
}
