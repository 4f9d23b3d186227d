package io.mqttloop.tck.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class AutoChoiceTest {
  private static final MosquittoFinder NOWHERE = MosquittoFinder.in(List.of());
  private static final DockerProbe DOCKER = Optional::empty;
  private static final DockerProbe NO_DOCKER = () -> Optional.of("no socket in this test");

  @RegisterExtension
  final RestoredProperty image = new RestoredProperty(ContainerBroker.IMAGE_PROPERTY);

  @Test
  void prefersMosquittoWithoutAskingDocker(@TempDir Path bin) throws IOException {
    Path mosquitto = Files.writeString(bin.resolve("mosquitto"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(mosquitto, PosixFilePermissions.fromString("rwx------"));
    DockerProbe untouchable = () -> fail("Docker was probed although mosquitto is installed");

    AutoChoice auto = AutoChoice.decide(MosquittoFinder.in(List.of(bin)), untouchable);

    assertEquals(new AutoChoice(BrokerChoice.MOSQUITTO, List.of()), auto);
    assertEquals(Optional.empty(), auto.notice());
  }

  @Test
  void choosesAContainerWhereDockerIsAvailableWithoutMosquitto() {
    System.setProperty(ContainerBroker.IMAGE_PROPERTY, "emqx/emqx:5.8");

    AutoChoice auto = AutoChoice.decide(NOWHERE, DOCKER);

    assertEquals(BrokerChoice.CONTAINER, auto.choice());
    assertEquals(Optional.of("no mosquitto binary found on an empty search path;"
        + " using a container of emqx/emqx:5.8"), auto.notice());
  }

  @Test
  void fallsBackToTheEmbeddedBrokerSayingWhyEachOtherWasSkipped() {
    AutoChoice auto = AutoChoice.decide(NOWHERE, NO_DOCKER);

    assertEquals(BrokerChoice.EMBEDDED, auto.choice());
    assertEquals(List.of("no mosquitto binary found on an empty search path",
        "Docker not available: no socket in this test"), auto.skipped());
    assertEquals(Optional.of("no mosquitto binary found on an empty search path;"
        + " Docker not available: no socket in this test; using the embedded Moquette broker"),
        auto.notice());
  }

  @Test
  void refusesAutoAsItsOwnOutcome() {
    IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
        () -> new AutoChoice(BrokerChoice.AUTO, List.of()));

    assertEquals("choice must name a broker, was auto", failure.getMessage());
  }
}
