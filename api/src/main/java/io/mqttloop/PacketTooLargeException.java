package io.mqttloop;

/**
 * A request would make a packet larger than the options' {@link MqttOptions#maxPacketSize()}; the
 * loop failed it before it reached the wire, and went on with the next.
 */
public final class PacketTooLargeException extends MqttException {
  private static final long serialVersionUID = 1L;

  private final transient Request request;
  private final long packetSize;
  private final int maxPacketSize;

  /** {@code request} makes a packet of {@code packetSize} bytes, over {@code maxPacketSize}. */
  public PacketTooLargeException(Request request, long packetSize, int maxPacketSize) {
    super(request + " makes a packet of " + packetSize + " bytes, over maxPacketSize "
        + maxPacketSize);
    this.request = request;
    this.packetSize = packetSize;
    this.maxPacketSize = maxPacketSize;
  }

  /** The request that was not sent. */
  public Request request() {
    return request;
  }

  /** The size its packet would have had, fixed header included. */
  public long packetSize() {
    return packetSize;
  }

  /** The limit it passed. */
  public int maxPacketSize() {
    return maxPacketSize;
  }
}
