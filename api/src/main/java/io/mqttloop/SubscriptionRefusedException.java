package io.mqttloop;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The broker refused one or more filters of a {@link Subscribe}: SUBACK returned 0x80 for them.
 * The filters it granted in the same request stay subscribed; {@link #granted()} says which.
 */
public final class SubscriptionRefusedException extends MqttException {
  private static final long serialVersionUID = 1L;

  private final transient List<Subscription> refused;
  private final transient List<@Nullable QoS> granted;

  /**
   * The broker answered {@code subscribe} with {@code granted}, one entry per subscription, null
   * for each it refused.
   *
   * @throws IllegalArgumentException when {@code granted} has not one entry per subscription
   */
  public SubscriptionRefusedException(Subscribe subscribe, List<@Nullable QoS> granted) {
    super(checkedSize(subscribe, granted) + "the broker refused to subscribe to "
        + refusedIn(subscribe, granted));
    this.refused = refusedIn(subscribe, granted);
    this.granted = Collections.unmodifiableList(new ArrayList<>(granted));
  }

  /** The subscriptions the broker refused. */
  public List<Subscription> refused() {
    return refused;
  }

  /** The QoS granted to each subscription of the request, in order; null where refused. */
  public List<@Nullable QoS> granted() {
    return granted;
  }

  /**
   * An empty prefix for the message, once the sizes are checked.
   *
   * @throws IllegalArgumentException when {@code granted} has not one entry per subscription
   */
  private static String checkedSize(Subscribe subscribe, List<@Nullable QoS> granted) {
    if (granted.size() != subscribe.subscriptions().size()) {
      throw new IllegalArgumentException("granted must have one entry per subscription, "
          + subscribe.subscriptions().size() + ", was " + granted.size());
    }
    return "";
  }

  private static List<Subscription> refusedIn(Subscribe subscribe, List<@Nullable QoS> granted) {
    List<Subscription> refused = new ArrayList<>();
    for (int i = 0; i < granted.size(); i++) {
      if (granted.get(i) == null) {
        refused.add(subscribe.subscriptions().get(i));
      }
    }
    return List.copyOf(refused);
  }
}
