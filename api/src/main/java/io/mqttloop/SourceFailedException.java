package io.mqttloop;

/**
 * The source of a run signalled an error. The loop stopped taking requests, finished those it had
 * taken, and ended the run with this exception, whose cause is the source's error.
 */
public final class SourceFailedException extends MqttRunException {
  private static final long serialVersionUID = 1L;

  /** The source failed with {@code cause}, leaving {@code state}. */
  public SourceFailedException(Throwable cause, MqttState state) {
    super("the run's source failed: " + cause, cause, state);
  }
}
