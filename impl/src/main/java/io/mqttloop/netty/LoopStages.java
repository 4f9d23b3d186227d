package io.mqttloop.netty;

import io.mqttloop.Publish;
import io.mqttloop.Request;
import io.mqttloop.RequestRefusedException;
import io.mqttloop.spi.LoopStage;

/** Completes the stages requests carry, whatever their type. */
final class LoopStages {
  private LoopStages() {}

  static void succeed(Request request) {
    if (request instanceof Publish publish) {
      LoopStage.of(publish).succeed(publish);
    }
  }

  static void fail(Request request, Throwable cause) {
    if (request instanceof Publish publish) {
      LoopStage.of(publish).fail(cause);
    }
  }

  static void refuse(Request request, String why) {
    fail(request, new RequestRefusedException(request, why));
  }
}
