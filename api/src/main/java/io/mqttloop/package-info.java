/**
 * An MQTT 3.1.1 client in the shape of an event loop: hand {@link io.mqttloop.MqttEventLoop}
 * a stream of {@link io.mqttloop.Request}s and get one {@link java.util.concurrent.CompletionStage}
 * per request, completed when the broker acknowledges it.
 *
 * <p>References are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package io.mqttloop;

import org.jspecify.annotations.NullMarked;
