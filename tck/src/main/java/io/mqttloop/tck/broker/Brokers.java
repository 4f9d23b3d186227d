package io.mqttloop.tck.broker;

import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the broker a test runs against. By default that is mosquitto where it is installed and
 * the embedded Moquette broker elsewhere, so that the TCK passes on a machine with nothing but
 * Java; the system property {@value BrokerChoice#PROPERTY} forces one of them.
 */
public final class Brokers {
  private static final Logger LOG = LoggerFactory.getLogger(Brokers.class);

  /** One notice per JVM, however many brokers its tests start. */
  private static final FallbackNotice FALLBACK_NOTICE = new FallbackNotice(LOG::info);

  private Brokers() {
  }

  /**
   * Starts the broker that the system property {@value BrokerChoice#PROPERTY} chooses, by
   * default the first available of mosquitto and the embedded broker. The first time in a JVM
   * that the embedded broker stands in for a missing mosquitto, an INFO line says so and why.
   *
   * @throws BrokerStartException when the chosen broker is not installed or does not start; a
   *     mosquitto that is installed but fails to start is an error, never a reason to fall back
   * @throws IllegalArgumentException when the system property holds an unknown value
   */
  public static TestBroker start() {
    return start(BrokerChoice.fromSystemProperty());
  }

  /**
   * Starts the broker this choice names, ignoring the system property.
   *
   * @throws BrokerStartException when the chosen broker is not installed or does not start
   */
  public static TestBroker start(BrokerChoice choice) {
    return start(choice, MosquittoFinder.fromEnvironment());
  }

  /**
   * Starts mosquitto with this configuration, for a test that needs what only mosquitto offers
   * (such as users with passwords), or aborts the calling test, which JUnit then reports as
   * skipped with the message "needs mosquitto: " and the reason: mosquitto is not installed, or
   * the system property {@value BrokerChoice#PROPERTY} forces the embedded broker.
   *
   * @throws org.opentest4j.TestAbortedException when mosquitto is unavailable
   * @throws BrokerStartException when mosquitto is installed but does not start
   */
  public static MosquittoBroker mosquittoWith(MosquittoConfig config) {
    return mosquittoWith(config, BrokerChoice.fromSystemProperty(),
        MosquittoFinder.fromEnvironment());
  }

  static TestBroker start(BrokerChoice choice, MosquittoFinder finder) {
    return switch (choice) {
      case MOSQUITTO -> startForcedMosquitto(finder);
      case EMBEDDED -> EmbeddedBroker.start();
      case AUTO -> startFirstAvailable(finder);
    };
  }

  static MosquittoBroker mosquittoWith(
      MosquittoConfig config, BrokerChoice choice, MosquittoFinder finder) {
    if (choice == BrokerChoice.EMBEDDED) {
      Assumptions.abort("needs mosquitto: " + BrokerChoice.PROPERTY + "="
          + choice.propertyValue() + " forces the embedded broker");
    }
    if (finder.broker().isEmpty()) {
      Assumptions.abort("needs mosquitto: " + finder.notFoundReason());
    }
    return MosquittoBroker.start(config, finder);
  }

  private static TestBroker startForcedMosquitto(MosquittoFinder finder) {
    if (finder.broker().isEmpty()) {
      throw new BrokerStartException(BrokerChoice.PROPERTY + "=mosquitto, but "
          + finder.notFoundReason() + "; install mosquitto or choose auto or embedded");
    }
    return MosquittoBroker.start(MosquittoConfig.defaults(), finder);
  }

  private static TestBroker startFirstAvailable(MosquittoFinder finder) {
    if (finder.broker().isPresent()) {
      return MosquittoBroker.start(MosquittoConfig.defaults(), finder);
    }
    FALLBACK_NOTICE.give(finder.notFoundReason() + "; using the embedded Moquette broker");
    return EmbeddedBroker.start();
  }
}
