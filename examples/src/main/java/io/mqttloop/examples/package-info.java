/**
 * Runnable programs, one per way of using mqttloop, and {@link
 * io.mqttloop.examples.PacketLoggingTransport}, a minimal transport certified by the TCK.
 */
@NullMarked
package io.mqttloop.examples;

import org.jspecify.annotations.NullMarked;
