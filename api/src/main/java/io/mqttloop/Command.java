package io.mqttloop;

/**
 * An order to a running event loop, safe to send from any thread with
 * {@link MqttEventLoop#execute(Command)}.
 *
 * @param <R> what the command's stage completes with once the command has taken effect
 */
public sealed interface Command<R> permits Command.Disconnect, Command.Shutdown {

  /** Ends the connection cleanly: see {@link Disconnect}. */
  static Disconnect disconnect() {
    return Disconnect.INSTANCE;
  }

  /** Ends the connection at once: see {@link Shutdown}. */
  static Shutdown shutdown() {
    return Shutdown.INSTANCE;
  }

  /**
   * Takes no new request, sends DISCONNECT, closes the connection and ends the run, if one is
   * going, with {@link Outcome.Disconnected}. Its stage completes with that outcome, whose state
   * lists every request not yet acknowledged, in order. Requests the run's source sends after
   * that fail with {@link RequestRefusedException}.
   */
  record Disconnect() implements Command<Outcome.Disconnected> {
    private static final Disconnect INSTANCE = new Disconnect();
  }

  /**
   * Closes the connection at once, without DISCONNECT (so the broker sees it as lost), and ends
   * the run, if one is going, with {@link Outcome.ShutDown}. Its stage completes with that
   * outcome, whose state lists every request not yet acknowledged, in order. On a loop already
   * closed it completes at once with the state the loop closed with.
   */
  record Shutdown() implements Command<Outcome.ShutDown> {
    private static final Shutdown INSTANCE = new Shutdown();
  }
}
