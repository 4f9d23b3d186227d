/**
 * How the TCK's fixtures let test threads wait for their state to change, without polling.
 * Not exported: the fixtures' own API is where tests wait.
 */
@NullMarked
package io.mqttloop.tck.signal;

import org.jspecify.annotations.NullMarked;
