package io.mqttloop.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** What the comparison ran on, for the report: when, the cores, the CPU, the JDK, mosquitto. */
record Machine(String date, int cores, String cpu, String os, String jdk, String mosquitto) {
  private static final List<String> SBIN = List.of("/usr/sbin", "/usr/local/sbin");

  /** This machine, now. */
  static Machine here() {
    String date = ZonedDateTime.now(ZoneOffset.UTC)
        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch");
    String jdk = System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version");
    return new Machine(date, Runtime.getRuntime().availableProcessors(), cpuModel(), os, jdk,
        mosquittoVersion());
  }

  /** One line for the report. */
  String describe() {
    return String.format("%s; %d cores (%s); %s; %s; %s", date, cores, cpu, os, jdk, mosquitto);
  }

  private static String cpuModel() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines.filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst().orElse("CPU model unknown");
    } catch (IOException | RuntimeException e) {
      return "CPU model unknown";
    }
  }

  /** The first line mosquitto prints for {@code -h}, which names its version. */
  private static String mosquittoVersion() {
    return mosquittoProgram().map(Machine::firstLineOfHelp).orElse("mosquitto not found");
  }

  /** The mosquitto program on the search path, or in /usr/sbin or /usr/local/sbin. */
  static Optional<Path> mosquittoProgram() {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.concat(Stream.of(path.split(":")), SBIN.stream())
        .filter(directory -> !directory.isEmpty())
        .map(directory -> Path.of(directory, "mosquitto"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private static String firstLineOfHelp(Path program) {
    try {
      Process process = new ProcessBuilder(program.toString(), "-h").redirectErrorStream(true)
          .start();
      process.getOutputStream().close();
      byte[] output = process.getInputStream().readAllBytes();
      process.waitFor(5, TimeUnit.SECONDS);
      return new String(output, StandardCharsets.UTF_8).lines().findFirst().orElse("mosquitto");
    } catch (IOException e) {
      return "mosquitto version unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "mosquitto version unknown";
    }
  }
}
