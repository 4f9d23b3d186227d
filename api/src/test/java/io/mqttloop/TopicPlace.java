package io.mqttloop;

import java.util.function.Function;

enum TopicPlace {
  PUBLISH_TOPIC("topic", topic -> Publish.of(topic, new byte[0], QoS.AT_LEAST_ONCE).topic()),
  WILL_TOPIC("will topic", topic -> Will.of(topic, new byte[0], QoS.AT_LEAST_ONCE, false).topic()),
  SUBSCRIBE_FILTER("filter",
      filter -> Subscribe.to(filter, QoS.AT_LEAST_ONCE).subscriptions().get(0).filter()),
  UNSUBSCRIBE_FILTER("filter", filter -> Unsubscribe.from(filter).filters().get(0));

  private final String field;
  private final Function<String, String> kept;

  TopicPlace(String field, Function<String, String> kept) {
    this.field = field;
    this.kept = kept;
  }

  String field() {
    return field;
  }

  String keep(String value) {
    return kept.apply(value);
  }
}
