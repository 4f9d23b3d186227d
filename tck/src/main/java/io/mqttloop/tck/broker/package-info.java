/**
 * The real brokers the TCK runs against, each on a free port of 127.0.0.1 (unless Docker runs on
 * another machine, see {@link io.mqttloop.tck.broker.ContainerBroker}): a {@code mosquitto}
 * process started with a configuration written for it; where mosquitto is not installed, a
 * broker container started through Testcontainers where Docker is available, or else an embedded
 * Moquette broker. {@link io.mqttloop.tck.broker.Brokers} picks one;
 * {@link io.mqttloop.tck.broker.SharedBroker} shares one among all the test classes of a JVM.
 * Mosquitto can also serve TLS and WebSocket listeners, whose certificates
 * {@link io.mqttloop.tck.broker.TestCertificates} makes.
 *
 * <p>References are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package io.mqttloop.tck.broker;

import org.jspecify.annotations.NullMarked;
