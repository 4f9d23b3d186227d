package io.mqttloop.tck.broker;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Says once that another broker (a container or the embedded one) stands in for mosquitto: every
 * test class may start a broker, and one line is enough to tell what a run was tested against.
 */
final class FallbackNotice {
  private final Consumer<String> sink;
  private final AtomicBoolean given = new AtomicBoolean();

  FallbackNotice(Consumer<String> sink) {
    this.sink = sink;
  }

  /** Passes the notice to the sink the first time, and does nothing after. */
  void give(String notice) {
    if (given.compareAndSet(false, true)) {
      sink.accept(notice);
    }
  }
}
