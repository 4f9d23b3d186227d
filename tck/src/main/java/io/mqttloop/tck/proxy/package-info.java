/**
 * A fault-injecting TCP proxy that the TCK puts between the client under test and a broker.
 *
 * <p>{@link io.mqttloop.tck.proxy.FaultProxy} listens on the loopback interface and forwards each
 * connection it accepts to a target broker, bytes both ways and in order, while a test cuts the
 * link, black-holes it, delays or throttles it, refuses new connections or points them at
 * another broker. It counts connections and bytes, and lets a test wait for connections to come
 * and go. {@link io.mqttloop.tck.proxy.ProxiedConnection} is a snapshot of one connection.
 *
 * <p>References are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package io.mqttloop.tck.proxy;

import org.jspecify.annotations.NullMarked;
