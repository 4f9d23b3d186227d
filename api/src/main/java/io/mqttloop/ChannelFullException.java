package io.mqttloop;

/**
 * A {@link RequestChannel} did not take a request: the channel was full, and as many requests as
 * its limit allows were already waiting for room. The request's own stage is untouched, so it may
 * be sent again once earlier sends have completed.
 */
public final class ChannelFullException extends RequestRefusedException {
  private static final long serialVersionUID = 1L;

  /**
   * {@code request} was refused by a channel with {@code capacity} requests queued and
   * {@code maxWaiting} waiting for room.
   */
  public ChannelFullException(Request request, int capacity, int maxWaiting) {
    super(request, "the channel was full, with capacity " + capacity + " and maxWaiting "
        + maxWaiting + " reached");
  }
}
