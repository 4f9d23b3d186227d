package io.mqttloop.tck.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code keytool} of the running JDK, run as a program on PKCS12 stores of one work
 * directory that all share one password. The password goes through the environment, never the
 * command line, where any process could read it.
 */
final class Keytool {
  private static final String PASSWORD_VARIABLE = "MQTTLOOP_TCK_STORE_PASSWORD";
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

  /** A short-lived JVM starts faster without the optimising compiler and the parallel GC. */
  private static final List<String> QUICK_START_OPTIONS =
      List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC");

  /** P-256 keys: generated in milliseconds, and read by every TLS library. */
  private static final List<String> KEY_OPTIONS =
      List.of("-keyalg", "EC", "-groupname", "secp256r1");

  /** Valid from yesterday, so that a clock running a little behind takes them as valid too. */
  private static final List<String> VALIDITY_OPTIONS =
      List.of("-startdate", "-1d", "-validity", "3650");

  private final Path program;
  private final Path workDirectory;
  private final String password;

  /**
   * A keytool working on stores in this directory, which it creates.
   *
   * @throws IllegalStateException when the running JDK has no keytool
   */
  Keytool(Path workDirectory, String password) {
    this.program = Path.of(System.getProperty("java.home"), "bin", "keytool");
    if (!Files.isExecutable(program)) {
      throw new IllegalStateException("the running JDK has no keytool at " + program);
    }
    this.workDirectory = createDirectories(workDirectory);
    this.password = password;
  }

  /** The PKCS12 store that holds the key pair of this name. */
  Path store(String name) {
    return workDirectory.resolve(name + ".p12");
  }

  /** Where the certificate signing request of this name is to be put for {@link #sign}. */
  Path requestFile(String name) {
    return workDirectory.resolve(name + ".csr");
  }

  /**
   * Makes a self-signed certificate authority named {@code name}, its key pair in
   * {@link #store(String) its store}.
   */
  Step authority(String name, String distinguishedName) {
    return step(name + "-authority", List.of(
        List.of("-genkeypair", "-alias", name, "-keystore", store(name).toString(),
            "-dname", distinguishedName),
        KEY_OPTIONS, VALIDITY_OPTIONS,
        List.of("-ext", "bc:c", "-ext", "ku:c=keyCertSign,cRLSign")));
  }

  /**
   * Has the authority {@code issuer} sign the request of {@code name} into a PEM file: an end
   * entity certificate for digital signatures with these further keytool extensions, such as
   * {@code eku=serverAuth} or {@code san=dns:localhost}.
   */
  Step sign(String name, String issuer, Path certificateFile, List<String> extensions) {
    return sign(name, issuer, certificateFile, extensions, VALIDITY_OPTIONS);
  }

  /**
   * As {@link #sign(String, String, Path, List)}, valid as {@code validityOptions} say, such as
   * {@code -startdate -30d -validity 1} for a certificate that has expired.
   */
  Step sign(String name, String issuer, Path certificateFile, List<String> extensions,
      List<String> validityOptions) {
    List<String> extensionOptions = new ArrayList<>(List.of(
        "-ext", "bc:c=ca:false", "-ext", "ku:c=digitalSignature"));
    extensions.forEach(extension -> extensionOptions.addAll(List.of("-ext", extension)));
    return step(name + "-certificate", List.of(
        List.of("-gencert", "-alias", issuer, "-keystore", store(issuer).toString(),
            "-infile", requestFile(name).toString(),
            "-outfile", certificateFile.toString(), "-rfc"),
        validityOptions, extensionOptions));
  }

  /**
   * Runs these steps side by side, which none of them may depend on, and returns once all have
   * succeeded.
   *
   * @throws IllegalStateException when a step fails or takes longer than a minute, with what
   *     keytool printed
   */
  void runTogether(List<Step> steps) {
    List<Process> running = new ArrayList<>();
    try {
      for (Step step : steps) {
        running.add(start(step));
      }
      for (int i = 0; i < steps.size(); i++) {
        awaitSuccess(steps.get(i), running.get(i));
      }
    } finally {
      running.forEach(Process::destroyForcibly);
    }
  }

  private Step step(String name, List<List<String>> argumentGroups) {
    List<String> command = new ArrayList<>();
    command.add(program.toString());
    command.addAll(QUICK_START_OPTIONS);
    argumentGroups.forEach(command::addAll);
    command.addAll(List.of("-storetype", "PKCS12", "-storepass:env", PASSWORD_VARIABLE));
    return new Step(name, command);
  }

  private Process start(Step step) {
    ProcessBuilder builder = new ProcessBuilder(step.command())
        .directory(workDirectory.toFile())
        .redirectErrorStream(true)
        .redirectOutput(output(step).toFile());
    builder.environment().put(PASSWORD_VARIABLE, password);
    return Subprocess.startWithoutInput(builder, UncheckedIOException::new);
  }

  private void awaitSuccess(Step step, Process process) {
    try {
      if (!process.waitFor(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw failure(step, "did not finish within " + STEP_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(step, "was interrupted");
    }
    if (process.exitValue() != 0) {
      throw failure(step, "exited with code " + process.exitValue());
    }
  }

  private IllegalStateException failure(Step step, String what) {
    return new IllegalStateException("keytool, making " + step.name() + ", " + what
        + "; it printed:\n" + LogTail.of(output(step)));
  }

  private Path output(Step step) {
    return workDirectory.resolve(step.name() + ".out");
  }

  private static Path createDirectories(Path directory) {
    try {
      return Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + directory, e);
    }
  }

  /**
   * One run of keytool.
   *
   * @param name what it makes, which names its output file
   * @param command the program and its arguments
   */
  record Step(String name, List<String> command) {
  }
}
