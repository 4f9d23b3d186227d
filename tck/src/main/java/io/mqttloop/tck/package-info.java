/** The mqttloop TCK: the contract tests every {@link io.mqttloop.MqttEventLoop} passes. */
@NullMarked
package io.mqttloop.tck;

import org.jspecify.annotations.NullMarked;
