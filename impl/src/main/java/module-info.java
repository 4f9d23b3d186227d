/**
 * The Netty event loop of mqttloop: MQTT 3.1.1 over TCP, TLS or WebSocket, on the caller's
 * executor or on a Netty event loop group the caller already has.
 */
module io.mqttloop.netty {
  requires transitive io.mqttloop;
  requires transitive io.netty.transport;
  requires io.netty.buffer;
  requires io.netty.codec;
  requires io.netty.codec.http;
  requires io.netty.codec.mqtt;
  requires io.netty.common;
  requires io.netty.handler;
  requires org.slf4j;
  requires static transitive org.jspecify;

  exports io.mqttloop.netty;

  provides io.mqttloop.spi.CallbackFailureReporter
      with io.mqttloop.netty.Slf4jCallbackFailureReporter;
}
