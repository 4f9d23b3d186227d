package io.mqttloop.examples;

/**
 * The broker an example connects to, from its one optional argument {@code host:port}; without
 * it, {@code localhost:1883}. The examples that take it start no broker of their own.
 */
record BrokerAddress(String host, int port) {
  /** Where a broker listens when the command line names none. */
  static final BrokerAddress DEFAULT = new BrokerAddress("localhost", 1883);

  /**
   * The broker {@code args} names, or {@link #DEFAULT}.
   *
   * @throws IllegalArgumentException when there is more than one argument, or it is not
   *     {@code host:port}
   */
  static BrokerAddress fromArgs(String program, String[] args) {
    if (args.length > 1) {
      throw new IllegalArgumentException("usage: " + program + " [host:port]");
    }
    if (args.length == 0) {
      return DEFAULT;
    }
    int colon = args[0].lastIndexOf(':');
    if (colon < 1) {
      throw new IllegalArgumentException("broker must be host:port, was " + args[0]);
    }
    return new BrokerAddress(args[0].substring(0, colon),
        Integer.parseInt(args[0].substring(colon + 1)));
  }
}
