package io.mqttloop.tck.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class BrokersTest {
  private static final MosquittoFinder NOWHERE = MosquittoFinder.in(List.of());

  private @Nullable String propertyBefore;

  @BeforeEach
  void rememberTheProperty() {
    propertyBefore = System.getProperty(BrokerChoice.PROPERTY);
  }

  @AfterEach
  void restoreTheProperty() {
    if (propertyBefore == null) {
      System.clearProperty(BrokerChoice.PROPERTY);
    } else {
      System.setProperty(BrokerChoice.PROPERTY, propertyBefore);
    }
  }

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
    try (TestBroker broker = Brokers.start(BrokerChoice.AUTO, NOWHERE)) {
      assertEquals("embedded", broker.kind());
    }
  }

  @Test
  void failsWhenTheForcedMosquittoIsMissing() {
    BrokerStartException failure = assertThrows(BrokerStartException.class,
        () -> Brokers.start(BrokerChoice.MOSQUITTO, NOWHERE));

    assertEquals("mqttloop.tck.broker=mosquitto, but no mosquitto binary found on an empty"
        + " search path; install mosquitto or choose auto or embedded", failure.getMessage());
  }

  @Test
  void refusesAnUnknownChoiceNamingTheValidOnes() {
    System.setProperty(BrokerChoice.PROPERTY, "hivemq");

    IllegalArgumentException failure =
        assertThrows(IllegalArgumentException.class, Brokers::start);

    assertEquals("mqttloop.tck.broker must be one of auto, mosquitto, embedded, was 'hivemq'",
        failure.getMessage());
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
}
