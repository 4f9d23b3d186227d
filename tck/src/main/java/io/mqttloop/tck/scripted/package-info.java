/**
 * A scripted MQTT 3.1.1 broker for the faults a real broker cannot be made to commit.
 *
 * <p>{@link io.mqttloop.tck.scripted.ScriptedBroker} listens on the loopback interface, records
 * every packet a client sends with the first byte as written, answers as its script says (or
 * withholds the answer), and lets a test send any packet or raw bytes, flood the client at the
 * pace it reads, and cut the connection on cue. Its methods may be called from any thread.
 *
 * <p>References are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package io.mqttloop.tck.scripted;

import org.jspecify.annotations.NullMarked;
