package io.mqttloop.tck.broker;

import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The ports of a mosquitto broker's listeners, {@link #NONE} for a listener it does not have.
 *
 * @param mqtt the plain MQTT listener's, which every broker has
 * @param tls the MQTT over TLS listener's
 * @param webSocket the plain WebSocket listener's
 * @param secureWebSocket the WebSocket over TLS listener's
 */
record MosquittoPorts(int mqtt, int tls, int webSocket, int secureWebSocket) {
  /** The port of a listener that is not configured. */
  static final int NONE = 0;

  /** The plain MQTT listener on this port and no other listener. */
  static MosquittoPorts plain(int mqtt) {
    return new MosquittoPorts(mqtt, NONE, NONE, NONE);
  }

  /**
   * Distinct ports of 127.0.0.1, free now, for the plain MQTT listener and each of these
   * listeners.
   */
  static MosquittoPorts freeFor(MosquittoListeners listeners) {
    Iterator<Integer> free = Loopback.freePorts(4).iterator();
    int mqtt = free.next();
    int tls = free.next();
    int webSocket = free.next();
    int secureWebSocket = free.next();
    return new MosquittoPorts(mqtt,
        listeners.tls() == null ? NONE : tls,
        listeners.webSockets() ? webSocket : NONE,
        listeners.secureWebSockets() == null ? NONE : secureWebSocket);
  }

  /** Every configured port, the plain MQTT one first. */
  List<Integer> configured() {
    return IntStream.of(mqtt, tls, webSocket, secureWebSocket)
        .filter(port -> port != NONE)
        .boxed()
        .collect(Collectors.toList());
  }

  @Override
  public String toString() {
    return Loopback.HOST + ":" + mqtt
        + describe(", TLS :", tls)
        + describe(", WebSocket :", webSocket)
        + describe(", secure WebSocket :", secureWebSocket);
  }

  private static String describe(String label, int port) {
    return port == NONE ? "" : label + port;
  }
}
