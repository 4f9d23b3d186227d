package io.mqttloop.tck.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** The password file of a mosquitto broker, hashed by mosquitto_passwd. */
final class MosquittoPasswordFile {
  private static final Duration HASHING_TIMEOUT = Duration.ofSeconds(30);

  private MosquittoPasswordFile() {
  }

  /**
   * Writes the users into a file of the directory and has mosquitto_passwd hash it in place. The
   * passwords go through a file, not the command line, where any process could read them.
   *
   * @return the hashed file
   * @throws BrokerStartException when mosquitto_passwd fails, with what it printed
   */
  static Path write(Path directory, Map<String, String> users, Path passwdProgram) {
    Path file = directory.resolve("passwords");
    Path output = directory.resolve("mosquitto_passwd.out");
    writePlain(file, users);

    Process process = Subprocess.startWithoutInput(
        new ProcessBuilder(passwdProgram.toString(), "-U", file.toString())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile()),
        BrokerStartException::new);

    int exitCode = awaitExit(process);
    if (exitCode != 0) {
      throw new BrokerStartException(passwdProgram + " -U exited with code " + exitCode
          + "; it printed:\n" + LogTail.of(output));
    }
    return file;
  }

  private static void writePlain(Path file, Map<String, String> users) {
    StringBuilder lines = new StringBuilder();
    new TreeMap<>(users).forEach(
        (name, password) -> lines.append(name).append(':').append(password).append('\n'));
    try {
      Files.writeString(file, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static int awaitExit(Process process) {
    try {
      if (!process.waitFor(HASHING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new BrokerStartException("mosquitto_passwd did not finish within " + HASHING_TIMEOUT);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new BrokerStartException("interrupted while mosquitto_passwd ran", e);
    }
  }
}
