package io.mqttloop.benchmarks;

import io.mqttloop.tck.broker.MosquittoBroker;
import io.mqttloop.tck.broker.MosquittoConfig;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Compares mqttloop with HiveMQ MQTT Client, Eclipse Paho and a ceiling that writes pre-encoded
 * packets to a plain socket, all in this process, against one mosquitto it starts on a free port
 * of 127.0.0.1 and stops at the end. Prints a Markdown report to standard output and progress to
 * standard error.
 *
 * <p>Arguments: {@code --quick} (or {@code -Dquick}) for a smoke run of a few seconds, not
 * pinned; {@code --no-pin} to leave the placement of this JVM and mosquitto to the scheduler (see
 * {@link Affinity}); {@code --rounds N} for another number of rounds; {@code --clients
 * mqttloop,ceiling} to measure only the clients named (as the table names them, in any case);
 * {@code --append FILE} to append the report to a file as well.
 */
public final class Compare {
  /** The clients a run can measure, as the table names them. */
  static final List<String> CLIENTS = List.of("mqttloop", "HiveMQ", "Paho", "ceiling");

  private Compare() {}

  /** Runs the comparison; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    Arguments arguments = Arguments.parse(args);
    Report report = run(arguments.settings(), arguments.clients(), System.err);
    System.out.println(report.markdown());
    if (arguments.appendTo() != null) {
      Files.writeString(arguments.appendTo(), report.markdown() + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
  }

  /** Starts mosquitto, measures every client as {@code settings} say, and stops mosquitto. */
  static Report run(Settings settings, PrintStream progress) throws Exception {
    return run(settings, List.of(), progress);
  }

  /**
   * Starts mosquitto, measures the clients named in {@code clients} (all when it is empty) as
   * {@code settings} say, and stops mosquitto.
   */
  static Report run(Settings settings, List<String> clients, PrintStream progress)
      throws Exception {
    MosquittoConfig config = MosquittoConfig.defaults().withMaxInflightMessages(0);
    Machine machine = Machine.here();
    List<Entrant> contenders = contenders(clients);
    try (MosquittoBroker broker = MosquittoBroker.start(config)) {
      progress.println("mosquitto listening on " + broker.host() + ":" + broker.port());
      Optional<ProcessHandle> process = mosquittoProcess();
      String placement = process.filter(mosquitto -> settings.pin()).flatMap(Affinity::pin)
          .orElse("not pinned: the scheduler places this JVM and mosquitto");
      progress.println("placement: " + placement);
      Workbench bench = new Workbench(new BrokerEndpoint(broker.host(), broker.port()), process);
      Results results = new Comparison(contenders, bench, progress).run(settings);
      List<String> names = contenders.stream().map(Entrant::name).toList();
      String markdown = new ResultTable(names)
          .render(results, settings, machine, placement);
      return new Report(names, results, markdown);
    } finally {
      closeAll(contenders);
    }
  }

  /** The mosquitto this JVM started with its configuration file. */
  private static Optional<ProcessHandle> mosquittoProcess() {
    return ProcessHandle.current().children()
        .filter(child -> child.info().command().orElse("").endsWith("mosquitto"))
        .filter(child -> List.of(child.info().arguments().orElse(new String[0])).contains("-c"))
        .findFirst();
  }

  /** The clients named in {@code list}, spelt as the table spells them, in any case. */
  static List<String> knownClients(String list) {
    List<String> named = new ArrayList<>();
    for (String name : list.split(",")) {
      String known = CLIENTS.stream().filter(client -> client.equalsIgnoreCase(name.strip()))
          .findFirst().orElseThrow(() -> new IllegalArgumentException(
              "--clients: no client is called \"" + name + "\"; the clients are " + CLIENTS));
      named.add(known);
    }
    return named;
  }

  /** The number of rounds {@code text} asks for: a whole number, at least 1. */
  static int roundCount(String text) {
    try {
      int rounds = Integer.parseInt(text.strip());
      if (rounds >= 1) {
        return rounds;
      }
    } catch (NumberFormatException notANumber) {
      // refused below, with the option's name
    }
    throw new IllegalArgumentException("--rounds needs a whole number of 1 or more, was \""
        + text + "\"");
  }

  private static List<Entrant> contenders(List<String> names) {
    List<Entrant> all = new ArrayList<>();
    addIfNamed(all, names, "mqttloop", MqttloopContender::new);
    addIfNamed(all, names, "HiveMQ", HivemqContender::new);
    addIfNamed(all, names, "Paho", PahoContender::new);
    addIfNamed(all, names, "ceiling", CeilingContender::new);
    return all;
  }

  /** Makes the client only when it is to be measured: mqttloop's starts a Netty group. */
  private static void addIfNamed(List<Entrant> entrants, List<String> names, String name,
      Supplier<Contender> client) {
    if (names.isEmpty() || names.contains(name)) {
      entrants.add(new Entrant(name, client.get()));
    }
  }

  private static void closeAll(List<Entrant> entrants) throws Exception {
    for (Entrant entrant : entrants) {
      entrant.client().close();
    }
  }

  /** What a run measured: the clients' names, their figures and the report. */
  record Report(List<String> contenders, Results results, String markdown) {
  }

  /** The command line, parsed. */
  private record Arguments(Settings settings, List<String> clients, @Nullable Path appendTo) {

    static Arguments parse(String[] args) {
      List<String> rest = new ArrayList<>(List.of(args));
      boolean quick = rest.remove("--quick") || Boolean.getBoolean("quick")
          || "".equals(System.getProperty("quick"));
      boolean noPin = rest.remove("--no-pin");
      String rounds = valueOf(rest, "--rounds");
      String clients = valueOf(rest, "--clients");
      String appendTo = valueOf(rest, "--append");
      if (!rest.isEmpty()) {
        throw new IllegalArgumentException("usage: Compare [--quick] [--no-pin] [--rounds N]"
            + " [--clients A,B] [--append FILE], was " + List.of(args));
      }
      Settings settings = quick ? Settings.smoke() : Settings.full().withPin(!noPin);
      return new Arguments(
          rounds == null ? settings : settings.withRounds(roundCount(rounds)),
          clients == null ? List.of() : knownClients(clients),
          appendTo == null ? null : Path.of(appendTo));
    }

    /** Removes {@code option} and the value after it from {@code rest}; returns the value. */
    private static @Nullable String valueOf(List<String> rest, String option) {
      int at = rest.indexOf(option);
      if (at < 0) {
        return null;
      }
      if (at + 1 == rest.size()) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      rest.remove(at);
      return rest.remove(at);
    }
  }
}
