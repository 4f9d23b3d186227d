package io.mqttloop.benchmarks;

/** Where the broker every contender talks to listens. */
record BrokerEndpoint(String host, int port) {

  /** The URI Paho takes. */
  String tcpUri() {
    return "tcp://" + host + ":" + port;
  }
}
