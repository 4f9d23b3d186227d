package io.mqttloop;

/**
 * Hears of a loop's connection as it changes: connected, lost, reconnecting, gave up. Called on
 * the loop's thread, so it must not block; an exception it throws is logged and ignored.
 */
@FunctionalInterface
public interface LifecycleListener {

  /** The listener that hears nothing: the default. */
  LifecycleListener NONE = event -> { };

  /** Hears {@code event}. */
  void on(LifecycleEvent event);
}
