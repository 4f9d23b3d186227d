package io.mqttloop.tck.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentest4j.TestAbortedException;

class BrokersTest {
  private static final MosquittoFinder NOWHERE = MosquittoFinder.in(List.of());
  private static final DockerProbe NO_DOCKER = () -> Optional.of("no Docker in this test");

  @RegisterExtension
  final RestoredProperty choice = new RestoredProperty(BrokerChoice.PROPERTY);

  @Test
  void startsTheEmbeddedBrokerWhenThePropertyForcesIt() {
    System.setProperty(BrokerChoice.PROPERTY, "embedded");

    try (TestBroker broker = Brokers.start()) {
      assertEquals("embedded", broker.kind());
    }
  }

  @Test
  void startsMosquittoWhenThePropertyForcesIt() {
    assumeTrue(MosquittoFinder.fromEnvironment().broker().isPresent(), "needs mosquitto");
    System.setProperty(BrokerChoice.PROPERTY, "mosquitto");

    try (TestBroker broker = Brokers.start()) {
      assertEquals("mosquitto", broker.kind());
    }
  }

  @Test
  void prefersMosquittoWhenItIsInstalled() {
    assumeTrue(MosquittoFinder.fromEnvironment().broker().isPresent(), "needs mosquitto");
    System.clearProperty(BrokerChoice.PROPERTY);

    try (TestBroker broker = Brokers.start()) {
      assertEquals("mosquitto", broker.kind());
    }
  }

  @Test
  void fallsBackToTheEmbeddedBrokerWithoutMosquitto() {
    try (TestBroker broker = Brokers.start(BrokerChoice.AUTO, NOWHERE, NO_DOCKER)) {
      assertEquals("embedded", broker.kind());
    }
  }

  @Test
  void failsWhenTheForcedMosquittoIsMissing() {
    assertEquals("mqttloop.tck.broker=mosquitto, but no mosquitto binary found on an empty"
        + " search path; install mosquitto or choose auto or embedded",
        failureToStart(BrokerChoice.MOSQUITTO));
  }

  @Test
  void refusesAnUnknownChoiceNamingTheValidOnes() {
    System.setProperty(BrokerChoice.PROPERTY, "hivemq");

    IllegalArgumentException failure =
        assertThrows(IllegalArgumentException.class, Brokers::start);

    assertEquals("mqttloop.tck.broker must be one of auto, mosquitto, container, embedded,"
        + " was 'hivemq'", failure.getMessage());
  }

  @Test
  void failsWhenTheForcedContainerHasNoDocker() {
    assertEquals("mqttloop.tck.broker=container, but Docker is not available: no Docker in this"
        + " test; start Docker or choose auto, mosquitto or embedded",
        failureToStart(BrokerChoice.CONTAINER));
  }

  @Test
  void readsTheContainerChoice() {
    assertEquals(BrokerChoice.CONTAINER, BrokerChoice.parse("container"));
    assertEquals(BrokerChoice.CONTAINER, BrokerChoice.parse(" CONTAINER "));
    assertEquals("container", BrokerChoice.CONTAINER.propertyValue());
    System.setProperty(BrokerChoice.PROPERTY, "Container");
    assertEquals(BrokerChoice.CONTAINER, BrokerChoice.fromSystemProperty());
  }

  @Test
  void readsTheChoiceInAnyCaseAndDefaultsToAuto() {
    assertEquals(BrokerChoice.EMBEDDED, BrokerChoice.parse(" Embedded "));
    System.setProperty(BrokerChoice.PROPERTY, "");
    assertEquals(BrokerChoice.AUTO, BrokerChoice.fromSystemProperty());
    System.clearProperty(BrokerChoice.PROPERTY);
    assertEquals(BrokerChoice.AUTO, BrokerChoice.fromSystemProperty());
  }

  @Test
  void skipsATestThatNeedsAMissingMosquitto() {
    TestAbortedException abort = assertThrows(TestAbortedException.class,
        () -> Brokers.mosquittoWith(MosquittoConfig.defaults(), BrokerChoice.AUTO, NOWHERE));

    assertEquals("needs mosquitto: no mosquitto binary found on an empty search path",
        abort.getMessage());
  }

  @Test
  void skipsATestThatNeedsMosquittoWhenTheEmbeddedBrokerIsForced() {
    TestAbortedException abort = assertThrows(TestAbortedException.class,
        () -> Brokers.mosquittoWith(MosquittoConfig.defaults(), BrokerChoice.EMBEDDED,
            MosquittoFinder.fromEnvironment()));

    assertTrue(abort.getMessage().startsWith("needs mosquitto: mqttloop.tck.broker=embedded"),
        abort.getMessage());
  }

  /** The message of the failure to start this choice with neither mosquitto nor Docker. */
  private static String failureToStart(BrokerChoice choice) {
    return assertThrows(BrokerStartException.class,
        () -> Brokers.start(choice, NOWHERE, NO_DOCKER)).getMessage();
  }
}
