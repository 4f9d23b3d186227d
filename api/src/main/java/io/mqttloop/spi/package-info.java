/**
 * For authors of transports: the pieces an {@link io.mqttloop.MqttEventLoop} implementation
 * needs that applications never touch.
 */
@NullMarked
package io.mqttloop.spi;

import org.jspecify.annotations.NullMarked;
