package io.mqttloop.tck.broker;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which broker {@link Brokers#start()} starts, as the system property {@value #PROPERTY} says:
 * {@code auto} (the default), {@code mosquitto}, {@code container} or {@code embedded}.
 */
public enum BrokerChoice {
  /**
   * The first available of: mosquitto where it is installed; a container of
   * {@link ContainerBroker#imageFromSystemProperty()} where Docker is available; the embedded
   * broker. The default.
   */
  AUTO,
  /** Mosquitto, or a failure where it is not installed. */
  MOSQUITTO,
  /**
   * A container of the image that the system property {@value ContainerBroker#IMAGE_PROPERTY}
   * names (by default {@value ContainerBroker#DEFAULT_IMAGE}), even where mosquitto is
   * installed; or a failure saying "Docker is not available" and why, where it is not.
   */
  CONTAINER,
  /** The embedded Moquette broker, even where mosquitto or Docker is available. */
  EMBEDDED;

  /**
   * The system property that forces a choice: {@code auto}, {@code mosquitto}, {@code container}
   * or {@code embedded}.
   */
  public static final String PROPERTY = "mqttloop.tck.broker";

  /**
   * The choice the system property {@value #PROPERTY} makes; {@link #AUTO} when it is not set or
   * blank.
   *
   * @throws IllegalArgumentException when it is set to anything else than the four values
   */
  public static BrokerChoice fromSystemProperty() {
    String value = System.getProperty(PROPERTY, "");
    return value.isBlank() ? AUTO : parse(value);
  }

  /**
   * The choice named by this value, in any case.
   *
   * @throws IllegalArgumentException when it is not {@code auto}, {@code mosquitto},
   *     {@code container} or {@code embedded}
   */
  public static BrokerChoice parse(String value) {
    for (BrokerChoice choice : values()) {
      if (choice.propertyValue().equalsIgnoreCase(value.strip())) {
        return choice;
      }
    }
    throw new IllegalArgumentException(PROPERTY + " must be one of " + propertyValues()
        + ", was '" + value + "'");
  }

  /** This choice as the system property spells it. */
  public String propertyValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  private static String propertyValues() {
    return Arrays.stream(values()).map(BrokerChoice::propertyValue)
        .collect(Collectors.joining(", "));
  }
}
