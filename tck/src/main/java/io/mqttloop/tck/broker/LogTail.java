package io.mqttloop.tck.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The last lines of a broker's log, to put in the message of a failure. */
final class LogTail {
  private static final int LINES = 20;

  private LogTail() {
  }

  /** The last lines of the file, each indented, or a note saying that there is none. */
  static String of(Path file) {
    if (!Files.exists(file)) {
      return "  (no " + file.getFileName() + ")\n";
    }
    List<String> lines = readLeniently(file);
    if (lines.isEmpty()) {
      return "  (" + file.getFileName() + " is empty)\n";
    }
    StringBuilder tail = new StringBuilder();
    for (String line : lines.subList(Math.max(0, lines.size() - LINES), lines.size())) {
      tail.append("  ").append(line).append('\n');
    }
    return tail.toString();
  }

  private static List<String> readLeniently(Path file) {
    try {
      // A log cut in the middle of a character must not hide the rest of it.
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
    }
  }
}
