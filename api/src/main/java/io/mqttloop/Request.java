package io.mqttloop;

import java.util.concurrent.CompletionStage;

/**
 * Something the application asks the event loop to do with the broker. Each request carries its
 * own stage, so it can travel through any queue or stream and still be composed on.
 *
 * <p>A request is handled once: handing the same instance to a loop twice, or to two loops, is
 * not supported. A request left pending when a run ends is listed in the run's {@link MqttState},
 * and its stage completes when a loop started from that state finishes it.
 */
public sealed interface Request permits Publish, Subscribe, Unsubscribe {

  /**
   * The stage of this request. It completes when the broker has acknowledged the request, as each
   * request type documents, and fails when the request cannot be honoured. It never completes
   * while the request is still pending in a run's state.
   */
  CompletionStage<?> completion();
}
