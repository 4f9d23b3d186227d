package io.mqttloop.tck.proxy;

/** One of the two sockets of a proxied connection. */
enum Side {
  /** The socket the proxy accepted from the client. */
  CLIENT,

  /** The socket the proxy opened to the target. */
  TARGET;

  /** The side across the proxy from this one. */
  Side other() {
    return this == CLIENT ? TARGET : CLIENT;
  }
}
