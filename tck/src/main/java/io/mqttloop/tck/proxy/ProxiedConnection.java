package io.mqttloop.tck.proxy;

/**
 * A snapshot of one connection a {@link FaultProxy} accepted: the state of both its sides and the
 * bytes forwarded each way at the moment it was taken. It does not change afterwards; ask the
 * proxy again for a newer one.
 *
 * @param index the connection's number, counting from 0 in the order the proxy accepted them
 * @param refused whether the proxy refused it at once, as {@link
 *     FaultProxy#refuseNewConnections(boolean)} asks; its target's side is then
 *     {@link SocketState#NOT_CONNECTED}
 * @param client the state of the client's side
 * @param target the state of the target's side
 * @param bytesToTarget bytes written to the target's socket on this connection so far
 * @param bytesToClient bytes written to the client's socket on this connection so far
 */
public record ProxiedConnection(
    int index,
    boolean refused,
    SocketState client,
    SocketState target,
    long bytesToTarget,
    long bytesToClient) {

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException when {@code index} or a byte count is negative
   */
  public ProxiedConnection {
    if (index < 0) {
      throw new IllegalArgumentException("index must be 0 or more, was " + index);
    }
    if (bytesToTarget < 0) {
      throw new IllegalArgumentException("bytesToTarget must be 0 or more, was " + bytesToTarget);
    }
    if (bytesToClient < 0) {
      throw new IllegalArgumentException("bytesToClient must be 0 or more, was " + bytesToClient);
    }
  }

  /** Whether either side is still connecting or open. */
  public boolean isOpen() {
    return client.isOpen() || target.isOpen();
  }
}
