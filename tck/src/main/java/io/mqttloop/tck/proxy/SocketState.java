package io.mqttloop.tck.proxy;

/**
 * The state of one side of a proxied connection: the client's socket, accepted by the proxy, or
 * the target's, which the proxy opens to the broker.
 */
public enum SocketState {
  /** The proxy is connecting to the target; only the target's side is ever in this state. */
  CONNECTING,

  /** Open: the proxy reads from it and writes to it, faults permitting. */
  OPEN,

  /**
   * Never connected: the target could not be reached, or the connection ended (the client left,
   * the proxy cut it or refused it) before the proxy had connected to the target. Only the
   * target's side is ever in this state.
   */
  NOT_CONNECTED,

  /** Closed or reset by the peer on this side: the client, or the broker. */
  CLOSED_BY_PEER,

  /**
   * Closed by the proxy: by {@link FaultProxy#cut()}, {@link FaultProxy#close()}, a refusal, or
   * because the other side had closed and what it sent before has been passed on.
   */
  CLOSED_BY_PROXY;

  /** Whether this side is connecting or open. */
  public boolean isOpen() {
    return this == CONNECTING || this == OPEN;
  }
}
