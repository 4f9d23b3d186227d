package io.mqttloop;

import io.mqttloop.spi.LoopStage;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Ends the subscriptions to one or more topic filters in one UNSUBSCRIBE. Its stage completes
 * with the request itself when UNSUBACK arrives.
 */
public final class Unsubscribe implements Request {
  private final List<String> filters;
  private final LoopStage<Unsubscribe> completion = new LoopStage<>();

  private Unsubscribe(List<String> filters) {
    for (Object element : filters) {
      Objects.requireNonNull(element, "filters must not hold null");
    }
    this.filters = List.copyOf(filters);
    if (this.filters.isEmpty()) {
      throw new IllegalArgumentException("filters must not be empty (MQTT-3.10.3-2)");
    }
    for (String filter : this.filters) {
      TopicFilter.check("filter", filter);
    }
  }

  /**
   * Unsubscribes from {@code filters}.
   *
   * @throws IllegalArgumentException naming the field when there is no filter or one is invalid
   */
  public static Unsubscribe from(String... filters) {
    return new Unsubscribe(Arrays.asList(Objects.requireNonNull(filters, "filters")));
  }

  /**
   * Unsubscribes from {@code filters}.
   *
   * @throws IllegalArgumentException naming the field when there is no filter or one is invalid
   */
  public static Unsubscribe from(List<String> filters) {
    return new Unsubscribe(Objects.requireNonNull(filters, "filters"));
  }

  /** The filters, in the order they are sent. */
  public List<String> filters() {
    return filters;
  }

  /**
   * Completes with this request when UNSUBACK arrives; fails with the cause when the loop cannot
   * send it.
   */
  @Override
  public CompletionStage<Unsubscribe> completion() {
    return completion;
  }

  @Override
  public String toString() {
    return "Unsubscribe" + filters;
  }
}
