/**
 * The contract of mqttloop: the event loop, its requests, commands and outcomes, the session
 * state, the options and the exceptions. It depends on the JDK alone, so that a transport can
 * implement it without pulling in Netty.
 */
module io.mqttloop {
  requires static transitive org.jspecify;

  exports io.mqttloop;
  exports io.mqttloop.spi;

  uses io.mqttloop.spi.CallbackFailureReporter;
}
