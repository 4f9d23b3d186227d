package io.mqttloop.tck.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs two test classes that use {@link SharedBroker} in a JUnit run of their own, and checks
 * that they got one broker and that the run's end closed it.
 */
class SharedBrokerTest {

  @Test
  void givesEveryClassOfARunOneBrokerAndClosesItWhenTheRunEnds() throws IOException {
    System.setProperty(UsingTheBroker.RUN_PROPERTY, "true");
    try {
      EngineTestKit.engine("junit-jupiter")
          .selectors(selectClass(FirstUser.class), selectClass(SecondUser.class))
          .execute()
          .testEvents()
          .assertStatistics(stats -> stats.started(2).succeeded(2));
    } finally {
      System.clearProperty(UsingTheBroker.RUN_PROPERTY);
    }

    TestBroker broker = FirstUser.seen;
    assertNotNull(broker, "first class got no broker");
    assertSame(broker, SecondUser.seen);
    try (ServerSocket rebound =
        new ServerSocket(broker.port(), 1, InetAddress.getByName(broker.host()))) {
      assertEquals(broker.port(), rebound.getLocalPort());
    }
  }

  /** A test class of the inner run; outside it, it does nothing. */
  abstract static class UsingTheBroker {
    static final String RUN_PROPERTY = "mqttloop.tck.test.sharedBrokerRun";

    static @Nullable TestBroker use(TestBroker broker) throws IOException {
      if (System.getProperty(RUN_PROPERTY) == null) {
        return null;
      }
      try (MqttProbe client = MqttProbe.open(broker)) {
        assertEquals(MqttConnectReturnCode.CONNECTION_ACCEPTED,
            client.connect("shared", null, null).variableHeader().connectReturnCode());
      }
      return broker;
    }
  }

  @ExtendWith(SharedBroker.class)
  static class FirstUser extends UsingTheBroker {
    static @Nullable TestBroker seen;

    @Test
    void connects(TestBroker broker) throws IOException {
      seen = use(broker);
    }
  }

  @ExtendWith(SharedBroker.class)
  static class SecondUser extends UsingTheBroker {
    static @Nullable TestBroker seen;

    @Test
    void connects(TestBroker broker) throws IOException {
      seen = use(broker);
    }
  }
}
