package io.mqttloop.tck.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The private directories where brokers keep their configuration, logs and data. */
final class TempDirectories {

  private TempDirectories() {
  }

  /** A new empty directory under the system's temporary directory, readable by its owner only. */
  static Path create(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
  }

  /** Deletes the directory and everything in it; one already gone is fine. */
  static void delete(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try {
      for (Path path : deepestFirst(directory)) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + directory, e);
    }
  }

  /**
   * Deletes the directory of something that failed to start; a failure to delete is added to
   * that failure rather than hiding it.
   */
  static void deleteAfterFailure(Path directory, RuntimeException failure) {
    try {
      delete(directory);
    } catch (UncheckedIOException e) {
      failure.addSuppressed(e);
    }
  }

  private static List<Path> deepestFirst(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      return paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
    }
  }
}
