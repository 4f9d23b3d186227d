package io.mqttloop.tck.broker;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** The mosquitto.conf that a {@link MosquittoBroker} writes for itself. */
final class MosquittoConfFile {
  static final int MAX_QUEUED_MESSAGES = 1_000_000;

  private MosquittoConfFile() {
  }

  /**
   * The configuration text: a plain MQTT listener on 127.0.0.1 and the further listeners the
   * configuration asks for, nothing kept on disk, no client queue ever cut short, and a log in the
   * broker's own directory.
   *
   * @param ports the port of each listener the configuration asks for
   * @param passwordFile the users' file, or null when anyone may connect
   * @param systemUser the user this JVM runs as: mosquitto started by root drops to the user named
   *     here, and any other user could not read the broker's private directory
   * @throws IllegalArgumentException when a path holds whitespace, which mosquitto's configuration
   *     cannot express
   */
  static String render(MosquittoConfig config, MosquittoPorts ports, Path logFile,
      @Nullable Path passwordFile, String systemUser) {
    StringBuilder text = new StringBuilder()
        .append("# Written by the mqttloop TCK for one test broker; deleted when it stops.\n")
        .append("user ").append(systemUser).append('\n')
        .append("per_listener_settings false\n")
        .append(listeners(config.listeners(), ports))
        .append(persistence(config, logFile.getParent()))
        .append("max_inflight_messages ").append(config.maxInflightMessages()).append('\n')
        .append("# A queue no test fills, so that none loses a message to it. Not 0, which\n")
        .append("# should mean no limit but makes mosquitto 2.0.11 drop clients sending QoS 2.\n")
        .append("max_queued_messages ").append(MAX_QUEUED_MESSAGES).append('\n')
        .append("log_dest file ").append(pathWord(logFile)).append('\n')
        .append("log_type error\nlog_type warning\nlog_type notice\nlog_type information\n")
        .append("connection_messages true\n")
        .append("allow_anonymous ").append(config.allowsAnonymous()).append('\n');
    if (passwordFile != null) {
      text.append("password_file ").append(pathWord(passwordFile)).append('\n');
    }
    return text.toString();
  }

  private static String listeners(MosquittoListeners listeners, MosquittoPorts ports) {
    boolean clientCertificates = listeners.clientCertificatesRequired();
    StringBuilder text = new StringBuilder(listener(ports.mqtt(), "mqtt"));
    @Nullable TlsFiles tls = listeners.tls();
    if (tls != null) {
      text.append(listener(ports.tls(), "mqtt")).append(tls(tls, clientCertificates));
    }
    if (listeners.webSockets()) {
      text.append(listener(ports.webSocket(), "websockets"));
    }
    @Nullable TlsFiles secure = listeners.secureWebSockets();
    if (secure != null) {
      text.append(listener(ports.secureWebSocket(), "websockets"))
          .append(tls(secure, clientCertificates));
    }
    return text.toString();
  }

  private static String listener(int port, String protocol) {
    // Mosquitto 2.0.11 ignores the address of a websockets listener and binds every interface.
    return "listener " + port + " " + Loopback.HOST + "\nprotocol " + protocol + "\n";
  }

  private static String tls(TlsFiles files, boolean clientCertificatesRequired) {
    return "cafile " + pathWord(files.caFile()) + "\n"
        + "certfile " + pathWord(files.certificateFile()) + "\n"
        + "keyfile " + pathWord(files.keyFile()) + "\n"
        + "require_certificate " + clientCertificatesRequired + "\n";
  }

  private static String persistence(MosquittoConfig config, Path directory) {
    if (!config.persistence()) {
      return "persistence false\n";
    }
    return "persistence true\npersistence_location " + pathWord(directory) + "/\n"
        + "autosave_interval 1\n";
  }

  private static String pathWord(Path path) {
    String text = path.toAbsolutePath().toString();
    if (text.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("mosquitto's configuration cannot name a path with"
          + " whitespace, was '" + text + "': set java.io.tmpdir to a path without any");
    }
    return text;
  }
}
