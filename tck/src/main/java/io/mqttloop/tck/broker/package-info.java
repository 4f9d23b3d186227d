/**
 * The real brokers the TCK runs against, each on a free port of 127.0.0.1: a {@code mosquitto}
 * process started with a configuration written for it, or an embedded Moquette broker where
 * mosquitto is not installed. {@link io.mqttloop.tck.broker.Brokers} picks one;
 * {@link io.mqttloop.tck.broker.SharedBroker} shares one among all the test classes of a JVM.
 * Mosquitto can also serve TLS and WebSocket listeners, whose certificates
 * {@link io.mqttloop.tck.broker.TestCertificates} makes.
 *
 * <p>References are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package io.mqttloop.tck.broker;

import org.jspecify.annotations.NullMarked;
