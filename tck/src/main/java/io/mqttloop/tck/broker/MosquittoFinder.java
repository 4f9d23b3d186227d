package io.mqttloop.tck.broker;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Looks for the mosquitto programs in a list of directories. The one made from the environment
 * searches the PATH, then /usr/sbin and /usr/local/sbin, where distributions install the broker
 * but which a user's PATH often lacks.
 */
final class MosquittoFinder {
  private static final String BROKER = "mosquitto";
  private static final String PASSWD = "mosquitto_passwd";
  private static final List<Path> SBIN_DIRECTORIES =
      List.of(Path.of("/usr/sbin"), Path.of("/usr/local/sbin"));

  private final List<Path> directories;
  private final String searched;

  private MosquittoFinder(List<Path> directories, String searched) {
    this.directories = List.copyOf(directories);
    this.searched = searched;
  }

  /** Searches the PATH of this process, then /usr/sbin and /usr/local/sbin. */
  static MosquittoFinder fromEnvironment() {
    return fromPath(System.getenv("PATH"));
  }

  /** Searches the directories of this PATH value, then /usr/sbin and /usr/local/sbin. */
  static MosquittoFinder fromPath(@Nullable String pathVariable) {
    List<Path> directories = new ArrayList<>(pathDirectories(pathVariable));
    directories.addAll(SBIN_DIRECTORIES);
    String searched = Stream.concat(
            Stream.of("PATH"), SBIN_DIRECTORIES.stream().map(Path::toString))
        .collect(Collectors.joining(", "));
    return new MosquittoFinder(directories, searched);
  }

  /** Searches these directories only, in order. */
  static MosquittoFinder in(List<Path> directories) {
    String searched = directories.isEmpty()
        ? "an empty search path"
        : directories.stream().map(Path::toString).collect(Collectors.joining(", "));
    return new MosquittoFinder(directories, searched);
  }

  /** The mosquitto broker program, when one is installed. */
  Optional<Path> broker() {
    return find(BROKER, directories);
  }

  /**
   * The mosquitto_passwd program: beside the broker first, so that the two come from one
   * installation, then on the search path (Debian puts it in /usr/bin, the broker in /usr/sbin).
   */
  Optional<Path> passwd(Path broker) {
    List<Path> besideFirst = new ArrayList<>();
    if (broker.getParent() != null) {
      besideFirst.add(broker.getParent());
    }
    besideFirst.addAll(directories);
    return find(PASSWD, besideFirst);
  }

  /** Why {@link #broker()} is empty, in words: "no mosquitto binary found on ...". */
  String notFoundReason() {
    return "no mosquitto binary found on " + searched;
  }

  private static Optional<Path> find(String program, List<Path> directories) {
    return directories.stream()
        .map(directory -> directory.resolve(program))
        .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
        .findFirst();
  }

  private static List<Path> pathDirectories(@Nullable String path) {
    if (path == null) {
      return List.of();
    }
    return Stream.of(path.split(File.pathSeparator))
        .filter(entry -> !entry.isBlank())
        .map(Path::of)
        .collect(Collectors.toList());
  }
}
