package io.mqttloop.tck.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.handler.codec.mqtt.MqttQoS;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EmbeddedBrokerTest {

  @Test
  void isConfiguredForLoopbackMemoryAndSilence() {
    Path directory = Path.of("/tmp/moquette");
    Properties settings = EmbeddedBroker.settings(18830, directory);

    assertEquals("127.0.0.1", settings.getProperty("host"));
    assertEquals("18830", settings.getProperty("port"));
    assertEquals("false", settings.getProperty("telemetry_enabled"));
    assertEquals("false", settings.getProperty("persistence_enabled"));
    assertEquals(directory.toString(), settings.getProperty("data_path"));
    assertNull(settings.getProperty("websocket_port"));
    assertNull(settings.getProperty("secure_websocket_port"));
    assertNull(settings.getProperty("ssl_port"));
  }

  @Test
  void deliversAQos1PublishToASubscriber() throws IOException {
    try (EmbeddedBroker broker = EmbeddedBroker.start();
        MqttProbe subscriber = MqttProbe.connected(broker, "embedded-subscriber");
        MqttProbe publisher = MqttProbe.connected(broker, "embedded-publisher")) {
      subscriber.subscribe("tck/embedded", MqttQoS.AT_LEAST_ONCE, 1);

      publisher.publish("tck/embedded", "hello", MqttQoS.AT_LEAST_ONCE, 7);

      assertEquals("hello", subscriber.expectPublish().payload());
    }
  }

  @Test
  void closeFreesThePortAndDeletesItsDirectory() throws IOException {
    EmbeddedBroker broker = EmbeddedBroker.start();
    Path directory = broker.directory();

    broker.close();

    assertFalse(Files.exists(directory), "directory left behind");
    assertThrows(ConnectException.class, () -> MqttProbe.open(broker).close());
    try (ServerSocket rebound =
        new ServerSocket(broker.port(), 1, InetAddress.getByName(broker.host()))) {
      assertEquals(broker.port(), rebound.getLocalPort());
    }
    broker.close();
  }

  @Test
  void writesNothingIntoTheWorkingDirectory() throws IOException {
    Path workingDirectory = Path.of("").toAbsolutePath();
    Set<String> before = entries(workingDirectory);

    try (EmbeddedBroker broker = EmbeddedBroker.start();
        MqttProbe client = MqttProbe.connected(broker, "embedded-working-directory")) {
      client.subscribe("tck/embedded/files", MqttQoS.EXACTLY_ONCE, 1);
    }

    assertEquals(before, entries(workingDirectory));
  }

  private static Set<String> entries(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(entry -> entry.getFileName().toString()).collect(Collectors.toSet());
    }
  }
}
