package io.mqttloop;

import java.util.Objects;

/**
 * How a run ended. Every outcome carries the {@link MqttState}: what the broker has not yet
 * acknowledged and what was never sent, ready to start the next loop.
 */
public sealed interface Outcome permits Outcome.Completed, Outcome.Disconnected, Outcome.ShutDown {

  /** The session state when the run ended. */
  MqttState state();

  /**
   * The source completed and the broker acknowledged every request taken from it. The loop stays
   * connected and can run another source.
   */
  record Completed(MqttState state) implements Outcome {
    /** An outcome with {@code state}. */
    public Completed {
      Objects.requireNonNull(state, "state");
    }
  }

  /** A {@link Command.Disconnect} ended the run and the connection. */
  record Disconnected(MqttState state) implements Outcome {
    /** An outcome with {@code state}. */
    public Disconnected {
      Objects.requireNonNull(state, "state");
    }
  }

  /** A {@link Command.Shutdown} ended the run and the connection at once. */
  record ShutDown(MqttState state) implements Outcome {
    /** An outcome with {@code state}. */
    public ShutDown {
      Objects.requireNonNull(state, "state");
    }
  }
}
