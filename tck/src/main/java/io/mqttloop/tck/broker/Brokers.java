package io.mqttloop.tck.broker;

import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the broker a test runs against. By default that is the first available of:
 * <ol>
 *   <li>mosquitto, where it is installed ({@link MosquittoBroker});
 *   <li>a container through Testcontainers, where Docker is available ({@link ContainerBroker}):
 *       {@value ContainerBroker#DEFAULT_IMAGE}, or the image that the system property
 *       {@value ContainerBroker#IMAGE_PROPERTY} names;
 *   <li>the embedded Moquette broker ({@link EmbeddedBroker}), so that the TCK passes on a
 *       machine with nothing but Java.
 * </ol>
 * The system property {@value BrokerChoice#PROPERTY} forces one of them: {@code mosquitto},
 * {@code container} or {@code embedded}. Docker is looked for only where mosquitto is missing,
 * and quietly: Testcontainers, which logs every way it failed to find Docker, is asked only where
 * {@code DOCKER_HOST}, {@code ~/.testcontainers.properties} or a Docker socket that accepts
 * connections says there may be one.
 */
public final class Brokers {
  private static final Logger LOG = LoggerFactory.getLogger(Brokers.class);

  /** One notice per JVM, however many brokers its tests start. */
  private static final FallbackNotice FALLBACK_NOTICE = new FallbackNotice(LOG::info);

  private Brokers() {
  }

  /**
   * Starts the broker that the system property {@value BrokerChoice#PROPERTY} chooses, by
   * default the first available of mosquitto, a container and the embedded broker. The first
   * time in a JVM that another broker stands in for a missing mosquitto, an INFO line says which
   * one, and why each one before it was passed over.
   *
   * @throws BrokerStartException when the chosen broker is not available or does not start; a
   *     broker that is available but fails to start is an error, never a reason to fall back
   * @throws IllegalArgumentException when the system property holds an unknown value
   */
  public static TestBroker start() {
    return start(BrokerChoice.fromSystemProperty());
  }

  /**
   * Starts the broker this choice names, ignoring the system property.
   *
   * @throws BrokerStartException when the chosen broker is not available or does not start
   */
  public static TestBroker start(BrokerChoice choice) {
    return start(choice, MosquittoFinder.fromEnvironment(), DockerProbe.fromEnvironment());
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

  static TestBroker start(BrokerChoice choice, MosquittoFinder finder, DockerProbe docker) {
    return switch (choice) {
      case MOSQUITTO -> startForcedMosquitto(finder);
      case CONTAINER -> startForcedContainer(docker);
      case EMBEDDED -> EmbeddedBroker.start();
      case AUTO -> startFirstAvailable(finder, docker);
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

  /** Starts a container, or fails saying why Docker is not available. */
  private static TestBroker startForcedContainer(DockerProbe docker) {
    docker.whyUnavailable().ifPresent(reason -> {
      throw new BrokerStartException(BrokerChoice.PROPERTY + "=container, but Docker is not"
          + " available: " + reason + "; start Docker or choose auto, mosquitto or embedded");
    });
    return ContainerBroker.launch(ContainerBroker.imageFromSystemProperty());
  }

  /** Starts what {@link AutoChoice} settles on, after its notice when it passed any over. */
  private static TestBroker startFirstAvailable(MosquittoFinder finder, DockerProbe docker) {
    AutoChoice auto = AutoChoice.decide(finder, docker);
    auto.notice().ifPresent(FALLBACK_NOTICE::give);
    return switch (auto.choice()) {
      case MOSQUITTO -> MosquittoBroker.start(MosquittoConfig.defaults(), finder);
      case CONTAINER -> ContainerBroker.launch(ContainerBroker.imageFromSystemProperty());
      default -> EmbeddedBroker.start();
    };
  }
}
