/**
 * A side-by-side comparison of mqttloop with other MQTT clients against one local mosquitto:
 * {@link io.mqttloop.benchmarks.Compare} runs it.
 */
@NullMarked
package io.mqttloop.benchmarks;

import org.jspecify.annotations.NullMarked;
