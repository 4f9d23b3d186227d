package io.mqttloop.tck.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.utility.DockerImageName;

class ContainerBrokerTest {
  @RegisterExtension
  final RestoredProperty image = new RestoredProperty(ContainerBroker.IMAGE_PROPERTY);

  @Test
  void runsMosquitto20UnlessThePropertyNamesAnotherImage() {
    System.clearProperty(ContainerBroker.IMAGE_PROPERTY);
    assertEquals("eclipse-mosquitto:2.0", ContainerBroker.imageFromSystemProperty());

    System.setProperty(ContainerBroker.IMAGE_PROPERTY, " ");
    assertEquals("eclipse-mosquitto:2.0", ContainerBroker.imageFromSystemProperty());

    System.setProperty(ContainerBroker.IMAGE_PROPERTY, " hivemq/hivemq-ce ");
    assertEquals("hivemq/hivemq-ce", ContainerBroker.imageFromSystemProperty());
  }

  @Test
  void configuresMosquittoImagesOnly() {
    assertTrue(ContainerBroker.isMosquitto(DockerImageName.parse("eclipse-mosquitto:2.0")));
    assertTrue(ContainerBroker.isMosquitto(
        DockerImageName.parse("mirror.example:5000/library/eclipse-mosquitto:2")));
    assertFalse(ContainerBroker.isMosquitto(DockerImageName.parse("emqx/emqx:5.8")));
    assertFalse(ContainerBroker.isMosquitto(DockerImageName.parse("hivemq/hivemq-ce")));
  }

  @Test
  void publishesOnLoopbackOnlyWhereDockerRunsOnThisMachine() {
    assertTrue(ContainerBroker.isThisMachine("localhost"));
    assertTrue(ContainerBroker.isThisMachine("127.0.0.1"));
    assertTrue(ContainerBroker.isThisMachine("::1"));
    assertFalse(ContainerBroker.isThisMachine("172.17.0.1"));
    assertFalse(ContainerBroker.isThisMachine("docker.example"));
  }

  @Test
  void refusesToStartWithoutDockerSayingWhy() {
    Optional<String> noDocker = DockerProbe.fromEnvironment().whyUnavailable();
    Assumptions.assumeTrue(noDocker.isPresent(), "Docker is available here");

    BrokerStartException failure =
        assertThrows(BrokerStartException.class, ContainerBroker::start);

    assertEquals("Docker is not available: " + noDocker.get(), failure.getMessage());
  }

  @Test
  void acceptsAnMqtt311ConnectAndDeliversAQos1Publish() throws IOException {
    DockerProbe.fromEnvironment().whyUnavailable()
        .ifPresent(reason -> Assumptions.abort("needs Docker: " + reason));

    try (ContainerBroker broker = ContainerBroker.start();
        MqttProbe subscriber = MqttProbe.open(broker);
        MqttProbe publisher = MqttProbe.open(broker)) {
      assertEquals(MqttConnectReturnCode.CONNECTION_ACCEPTED, subscriber
          .connect("container-subscriber", null, null).variableHeader().connectReturnCode());
      assertEquals(MqttConnectReturnCode.CONNECTION_ACCEPTED, publisher
          .connect("container-publisher", null, null).variableHeader().connectReturnCode());
      subscriber.subscribe("tck/container", MqttQoS.AT_LEAST_ONCE, 1);

      publisher.publish("tck/container", "hello", MqttQoS.AT_LEAST_ONCE, 7);

      assertEquals("hello", subscriber.expectPublish().payload());
      assertEquals("container:" + ContainerBroker.imageFromSystemProperty(), broker.kind());
    }
  }
}
