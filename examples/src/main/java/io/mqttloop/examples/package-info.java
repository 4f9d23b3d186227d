/** Runnable programs, one per way of using mqttloop. */
@NullMarked
package io.mqttloop.examples;

import org.jspecify.annotations.NullMarked;
