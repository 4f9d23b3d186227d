package io.mqttloop;

import java.util.Objects;

/**
 * One topic filter and the QoS asked for it, checked when made.
 *
 * @param filter the topic filter, wildcards allowed in whole levels
 * @param qos the most the broker should deliver messages on it with
 */
public record Subscription(String filter, QoS qos) {
  /**
   * A subscription.
   *
   * @throws IllegalArgumentException naming the field when the filter is empty, misplaces a
   *     wildcard or is not a valid MQTT UTF-8 string
   */
  public Subscription {
    TopicFilter.check("filter", Objects.requireNonNull(filter, "filter"));
    Objects.requireNonNull(qos, "qos");
  }
}
