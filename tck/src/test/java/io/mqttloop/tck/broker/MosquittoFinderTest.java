package io.mqttloop.tck.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MosquittoFinderTest {

  @Test
  void findsNothingOnAnEmptySearchPath() {
    MosquittoFinder finder = MosquittoFinder.in(List.of());

    assertEquals(Optional.empty(), finder.broker());
    assertEquals("no mosquitto binary found on an empty search path", finder.notFoundReason());
  }

  @Test
  void findsTheFirstExecutableOnTheSearchPath(@TempDir Path root) throws IOException {
    Path notExecutable = Files.createDirectory(root.resolve("a"));
    Path executable = Files.createDirectory(root.resolve("b"));
    Path later = Files.createDirectory(root.resolve("c"));
    program(notExecutable, "mosquitto", "rw-------");
    program(executable, "mosquitto", "rwx------");
    program(later, "mosquitto", "rwx------");

    MosquittoFinder finder = MosquittoFinder.in(List.of(notExecutable, executable, later));

    assertEquals(Optional.of(executable.resolve("mosquitto")), finder.broker());
  }

  @Test
  void looksForMosquittoPasswdBesideTheBrokerFirst(@TempDir Path root) throws IOException {
    Path sbin = Files.createDirectory(root.resolve("sbin"));
    Path bin = Files.createDirectory(root.resolve("bin"));
    Path broker = program(sbin, "mosquitto", "rwx------");
    program(bin, "mosquitto_passwd", "rwx------");

    assertEquals(Optional.of(bin.resolve("mosquitto_passwd")),
        MosquittoFinder.in(List.of(bin, sbin)).passwd(broker));

    program(sbin, "mosquitto_passwd", "rwx------");
    assertEquals(Optional.of(sbin.resolve("mosquitto_passwd")),
        MosquittoFinder.in(List.of(bin, sbin)).passwd(broker));
  }

  @Test
  void searchesThePathAndBothSbinDirectoriesOfTheEnvironment() {
    assertEquals("no mosquitto binary found on PATH, /usr/sbin, /usr/local/sbin",
        MosquittoFinder.fromEnvironment().notFoundReason());
  }

  @Test
  void findsAnInstalledMosquittoEvenOffThePath() {
    Path debian = Path.of("/usr/sbin/mosquitto");
    assumeTrue(Files.isExecutable(debian), "needs /usr/sbin/mosquitto");

    assertEquals(Optional.of(debian), MosquittoFinder.fromPath("/nowhere").broker());
    assertEquals(Optional.of(debian), MosquittoFinder.fromPath(null).broker());
  }

  private static Path program(Path directory, String name, String permissions)
      throws IOException {
    Path program = directory.resolve(name);
    Files.writeString(program, "#!/bin/sh\n");
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString(permissions));
    return program;
  }
}
