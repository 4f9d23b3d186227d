package io.mqttloop.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mqttloop.MqttOptions;
import io.mqttloop.tck.broker.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TransportTest {
  @AfterEach
  void clearTheProperty() {
    System.clearProperty(Transport.PROPERTY);
  }

  @Test
  void withoutThePropertyTheTransportIsTcp() {
    assertEquals(Transport.TCP, Transport.fromSystemProperty());
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void thePropertyNamesEachTransportInAnyCase(Transport transport) {
    System.setProperty(Transport.PROPERTY, " " + transport.propertyValue().toUpperCase() + " ");

    assertEquals(transport, Transport.fromSystemProperty());
  }

  @Test
  void anUnknownTransportIsRefusedListingTheKnownOnes() {
    System.setProperty(Transport.PROPERTY, "quic");

    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, Transport::fromSystemProperty);

    assertEquals("mqttloop.tck.transport must be one of tcp, tls, websocket, secure-websocket,"
        + " was 'quic'", refused.getMessage());
  }

  @Test
  void eachTransportSetsTheOptionsItNeeds() {
    TestCertificates certificates = TestCertificates.shared();

    MqttOptions tcp = Transport.TCP.configure(MqttOptions.builder(), certificates).build();
    MqttOptions wss = Transport.SECURE_WEBSOCKET.configure(MqttOptions.builder(), certificates)
        .build();

    assertNull(tcp.tls());
    assertNull(tcp.webSocket());
    assertEquals("/mqtt", wss.webSocket().path());
    assertEquals(true, wss.tls().hostnameVerification());
  }
}
