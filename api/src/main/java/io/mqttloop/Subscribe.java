package io.mqttloop;

import io.mqttloop.spi.LoopStage;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Subscribes to one or more topic filters in one SUBSCRIBE. Its stage completes with the QoS the
 * broker granted to each, in order, when SUBACK arrives; when the broker refuses any filter
 * (return code 0x80) it fails with {@link SubscriptionRefusedException}, naming the filters.
 *
 * <p>Messages on the filters reach the application through {@link MqttEventLoop#messages()}:
 * subscribe to that before this request is sent, or the loop holds the messages and, once its
 * buffer is full, stops reading from the broker.
 */
public final class Subscribe implements Request {
  private final List<Subscription> subscriptions;
  private final LoopStage<List<QoS>> completion = new LoopStage<>();

  private Subscribe(List<Subscription> subscriptions) {
    for (Object element : subscriptions) {
      Objects.requireNonNull(element, "subscriptions must not hold null");
    }
    this.subscriptions = List.copyOf(subscriptions);
    if (this.subscriptions.isEmpty()) {
      throw new IllegalArgumentException("subscriptions must not be empty (MQTT-3.8.3-3)");
    }
  }

  /**
   * A subscription to one filter.
   *
   * @throws IllegalArgumentException naming the field when the filter is invalid
   */
  public static Subscribe to(String filter, QoS qos) {
    return new Subscribe(List.of(new Subscription(filter, qos)));
  }

  /**
   * Subscriptions to several filters, sent in one SUBSCRIBE.
   *
   * @throws IllegalArgumentException when the list is empty
   */
  public static Subscribe to(List<Subscription> subscriptions) {
    return new Subscribe(Objects.requireNonNull(subscriptions, "subscriptions"));
  }

  /** The filters and the QoS asked for each, in the order they are sent. */
  public List<Subscription> subscriptions() {
    return subscriptions;
  }

  /**
   * Completes with the granted QoS of each subscription, in order, when SUBACK arrives; fails
   * with {@link SubscriptionRefusedException} when the broker refuses any of them, or with the
   * cause when the loop cannot send it.
   */
  @Override
  public CompletionStage<List<QoS>> completion() {
    return completion;
  }

  @Override
  public String toString() {
    return "Subscribe" + subscriptions;
  }
}
