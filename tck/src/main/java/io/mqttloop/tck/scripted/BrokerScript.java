package io.mqttloop.tck.scripted;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * What the broker does with what it receives, as the test last set it. Test threads write the
 * fields and the event loop reads them at each packet; they are volatile (or atomic) so that a
 * change is seen by the next packet.
 */
final class BrokerScript {
  private volatile List<ConnackScript> connacks = List.of(ConnackScript.accept());
  private final AtomicReference<SubackScript> suback =
      new AtomicReference<>(SubackScript.grantAsRequested());
  private volatile boolean holdingAcks;
  private volatile boolean holdingSubscriptionAcks;
  private volatile boolean silent;

  /** The CONNACK for a connection: the one at its index, or the last one for later indexes. */
  ConnackScript connackFor(int connectionIndex) {
    List<ConnackScript> scripts = connacks;
    return scripts.get(Math.min(connectionIndex, scripts.size() - 1));
  }

  void connacks(List<ConnackScript> scripts) {
    if (scripts.isEmpty()) {
      throw new IllegalArgumentException("scripts must hold at least one CONNACK script");
    }
    connacks = List.copyOf(scripts);
  }

  SubackScript suback() {
    return suback.get();
  }

  /** Replaces the SUBACK script by what {@code change} makes of it; atomic, so changes compose. */
  void suback(UnaryOperator<SubackScript> change) {
    suback.updateAndGet(change);
  }

  boolean holdingAcks() {
    return holdingAcks;
  }

  void holdingAcks(boolean holding) {
    holdingAcks = holding;
  }

  boolean holdingSubscriptionAcks() {
    return holdingSubscriptionAcks;
  }

  void holdingSubscriptionAcks(boolean holding) {
    holdingSubscriptionAcks = holding;
  }

  boolean silent() {
    return silent;
  }

  void silent(boolean beSilent) {
    silent = beSilent;
  }
}
