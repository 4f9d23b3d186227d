package io.mqttloop.tck.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The broker {@link BrokerChoice#AUTO} settles on, the first available of mosquitto, a container
 * and the embedded broker, with why it passed over each one before it.
 *
 * @param choice {@link BrokerChoice#MOSQUITTO}, {@link BrokerChoice#CONTAINER} or
 *     {@link BrokerChoice#EMBEDDED}
 * @param skipped why each broker before the choice is unavailable, in order; empty for mosquitto
 */
record AutoChoice(BrokerChoice choice, List<String> skipped) {

  /** Copies the reasons; refuses {@link BrokerChoice#AUTO}, which is no broker. */
  AutoChoice {
    if (choice == BrokerChoice.AUTO) {
      throw new IllegalArgumentException("choice must name a broker, was auto");
    }
    skipped = List.copyOf(skipped);
  }

  /**
   * Looks for mosquitto first, then asks Docker only if mosquitto is missing, so that a machine
   * with mosquitto never probes Docker.
   */
  static AutoChoice decide(MosquittoFinder finder, DockerProbe docker) {
    if (finder.broker().isPresent()) {
      return new AutoChoice(BrokerChoice.MOSQUITTO, List.of());
    }
    List<String> skipped = new ArrayList<>(List.of(finder.notFoundReason()));
    Optional<String> noDocker = docker.whyUnavailable();
    if (noDocker.isEmpty()) {
      return new AutoChoice(BrokerChoice.CONTAINER, skipped);
    }
    skipped.add("Docker not available: " + noDocker.get());
    return new AutoChoice(BrokerChoice.EMBEDDED, skipped);
  }

  /**
   * One line saying why each skipped broker was passed over and which one is used, such as
   * "no mosquitto binary found on PATH; Docker not available: ...; using the embedded Moquette
   * broker"; empty when nothing was skipped.
   */
  Optional<String> notice() {
    if (skipped.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(String.join("; ", skipped) + "; using " + describe(choice));
  }

  /** The broker a skip fell back to, as the notice names it. */
  private static String describe(BrokerChoice choice) {
    return choice == BrokerChoice.CONTAINER
        ? "a container of " + ContainerBroker.imageFromSystemProperty()
        : "the embedded Moquette broker";
  }
}
