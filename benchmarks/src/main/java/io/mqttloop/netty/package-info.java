/**
 * JMH benchmarks of the per-message path of mqttloop's Netty event loop. They sit in its package
 * to reach its package-private classes, which works on the class path only: run them with
 * {@code org.openjdk.jmh.Main}, as the module's README says.
 */
@NullMarked
package io.mqttloop.netty;

import org.jspecify.annotations.NullMarked;
