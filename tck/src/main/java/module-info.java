/**
 * The mqttloop TCK: abstract contract tests that any {@link io.mqttloop.MqttEventLoop}
 * implementation extends and runs, the brokers they run against, and the scripted broker for the
 * faults a real broker cannot be made to commit.
 */
module io.mqttloop.tck {
  requires transitive io.mqttloop;
  requires transitive org.junit.jupiter.api;
  requires transitive org.junit.jupiter.params;
  requires awaitility;
  requires io.netty.buffer;
  requires io.netty.codec;
  requires transitive io.netty.codec.mqtt;
  requires io.netty.common;
  requires io.netty.transport;
  // Moquette 0.17 names no module: this is the name Java gives its jar, moquette-broker-0.17.jar.
  requires moquette.broker;
  requires org.slf4j;
  // Testcontainers 1.x names no module: this is the name Java gives testcontainers-1.21.4.jar.
  requires testcontainers;
  // The Docker API types Testcontainers exposes, to publish a container's port on loopback only.
  requires com.github.dockerjava.api;
  requires static transitive org.jspecify;

  exports io.mqttloop.tck;
  exports io.mqttloop.tck.broker;
  exports io.mqttloop.tck.proxy;
  exports io.mqttloop.tck.scripted;
}
