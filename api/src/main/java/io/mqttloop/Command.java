package io.mqttloop;

import java.time.Duration;
import java.util.Objects;

/**
 * An order to a running event loop, safe to send from any thread with
 * {@link MqttEventLoop#execute(Command)}. Its stage completes once the command has taken effect.
 *
 * @param <R> what the command's stage completes with
 */
public sealed interface Command<R> permits Command.Pause, Command.Resume, Command.Throttle,
    Command.Reconnect, Command.Disconnect, Command.Shutdown {

  /** Stops sending new requests, connected still: see {@link Pause}. */
  static Pause pause() {
    return Pause.INSTANCE;
  }

  /** Sends again after a pause: see {@link Resume}. */
  static Resume resume() {
    return Resume.INSTANCE;
  }

  /** Caps outgoing publishes at {@code perSecond}: see {@link Throttle}. */
  static Throttle throttle(double perSecond) {
    return new Throttle(perSecond);
  }

  /** Lifts the cap of {@link #throttle(double)}. */
  static Throttle unthrottle() {
    return Throttle.NONE;
  }

  /** Drops the connection and connects again at once: see {@link Reconnect}. */
  static Reconnect reconnect() {
    return Reconnect.INSTANCE;
  }

  /**
   * Ends the connection cleanly once what is in flight is acknowledged, waiting for that at most
   * {@link Disconnect#DEFAULT_DRAIN_TIMEOUT}: see {@link Disconnect}.
   */
  static Disconnect disconnect() {
    return Disconnect.DEFAULT;
  }

  /**
   * Ends the connection cleanly once what is in flight is acknowledged, waiting for that at most
   * {@code drainTimeout} ({@link Duration#ZERO}: not at all): see {@link Disconnect}.
   */
  static Disconnect disconnect(Duration drainTimeout) {
    return new Disconnect(drainTimeout);
  }

  /** Ends the connection at once: see {@link Shutdown}. */
  static Shutdown shutdown() {
    return Shutdown.INSTANCE;
  }

  /**
   * Stops taking requests from the run's source and sending those already taken, without
   * disconnecting: keep-alive goes on, acknowledgements of what is in flight still complete their
   * stages, and a reconnect still resends what was in flight. Its stage completes once nothing
   * new will be sent. Pausing a paused loop does nothing more.
   */
  record Pause() implements Command<Void> {
    private static final Pause INSTANCE = new Pause();
  }

  /**
   * Sends again after a {@link Pause}, from where it stopped: the requests already taken first,
   * then the source's. Its stage completes once sending has restarted. Resuming a loop that is
   * not paused does nothing.
   */
  record Resume() implements Command<Void> {
    private static final Resume INSTANCE = new Resume();
  }

  /**
   * Caps outgoing publishes, of every QoS and resent ones included, at {@code perSecond},
   * paced evenly: one every {@code 1 / perSecond} seconds. It holds until the next throttle
   * command; {@link Command#unthrottle()} lifts it. Its stage completes once the new pace is in
   * force.
   *
   * @param perSecond publishes per second, more than 0 and at most 1,000,000; or infinity for no
   *     cap
   */
  record Throttle(double perSecond) implements Command<Void> {
    /** The fastest pace a throttle sets. */
    public static final double MAX_PER_SECOND = 1_000_000;

    private static final Throttle NONE = new Throttle(Double.POSITIVE_INFINITY);

    /**
     * A throttle.
     *
     * @throws IllegalArgumentException when {@code perSecond} is not more than 0 and at most
     *     {@link #MAX_PER_SECOND}, nor infinity
     */
    public Throttle {
      boolean capped = perSecond > 0 && perSecond <= MAX_PER_SECOND;
      if (!capped && perSecond != Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException("perSecond must be within (0, " + MAX_PER_SECOND
            + "] or infinity, was " + perSecond);
      }
    }

    /** Whether this throttle lifts the cap. */
    public boolean unlimited() {
      return perSecond == Double.POSITIVE_INFINITY;
    }
  }

  /**
   * Drops the connection now and connects again at once, to the next broker of the list, whatever
   * the reconnect policy, resuming the session as after a lost connection: what was in flight is
   * resent, and the run goes on. Its stage completes with the new connection's {@link Connected}
   * and fails when that connect fails and the policy allows no further attempt.
   */
  record Reconnect() implements Command<Connected> {
    private static final Reconnect INSTANCE = new Reconnect();
  }

  /**
   * Takes no new request and sends none of those taken, waits until what is in flight is
   * acknowledged or {@code drainTimeout} has passed, then sends DISCONNECT, closes the connection
   * and ends the run, if one is going, with {@link Outcome.Disconnected}. Its stage completes
   * with that outcome, whose state lists every request not yet acknowledged, in order. Requests
   * the run's source sends after the command fail with {@link RequestRefusedException}. A
   * connection lost while waiting ends the wait: the outcome is the same.
   *
   * @param drainTimeout how long to wait for what is in flight; zero for not at all
   */
  record Disconnect(Duration drainTimeout) implements Command<Outcome.Disconnected> {
    /** How long {@link Command#disconnect()} waits for what is in flight. */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private static final Disconnect DEFAULT = new Disconnect(DEFAULT_DRAIN_TIMEOUT);

    /**
     * A disconnect.
     *
     * @throws IllegalArgumentException when {@code drainTimeout} is negative or over a day
     */
    public Disconnect {
      Objects.requireNonNull(drainTimeout, "drainTimeout");
      if (drainTimeout.isNegative() || drainTimeout.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException("drainTimeout must be within 0..1 day, was "
            + drainTimeout);
      }
    }
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
