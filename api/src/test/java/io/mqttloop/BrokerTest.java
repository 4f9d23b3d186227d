package io.mqttloop;

import static io.mqttloop.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A {@link Broker}'s checks, equality and how it is shown. */
class BrokerTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 1883, 65_535})
  void aPortFrom1To65535IsAccepted(int port) {
    Broker broker = new Broker("example.com", port);

    assertEquals("example.com", broker.host());
    assertEquals(port, broker.port());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 65_536, Integer.MIN_VALUE, Integer.MAX_VALUE})
  void aPortOutside1To65535IsRefusedNamingFieldAndValue(int port) {
    assertRefused("port must be within 1..65535, was " + port, () -> new Broker("h", port));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t", " \n "})
  void aBlankHostIsRefusedNamingFieldAndValue(String host) {
    assertRefused("host must not be blank, was \"" + host + "\"", () -> new Broker(host, 1883));
  }

  @Test
  void aMissingHostIsRefusedByName() {
    assertEquals("host",
        assertThrowsExactly(NullPointerException.class, () -> new Broker(null, 1883))
            .getMessage());
  }

  @Test
  void brokersAreEqualByHostAndPort() {
    assertEquals(new Broker("a", 1883), new Broker("a", 1883));
    assertEquals(new Broker("a", 1883).hashCode(), new Broker("a", 1883).hashCode());
    assertNotEquals(new Broker("a", 1883), new Broker("a", 8883));
    assertNotEquals(new Broker("a", 1883), new Broker("b", 1883));
  }

  @Test
  void aBrokerIsShownAsHostColonPort() {
    assertEquals("example.com:8883", new Broker("example.com", 8883).toString());
    // An IPv6 literal is bracketed, so that its port stands apart.
    assertEquals("[::1]:1883", new Broker("::1", 1883).toString());
  }
}
