package io.mqttloop.spi;

import java.lang.System.Logger.Level;

/** The reporter when no transport provides one: a warning through the platform logger. */
final class SystemLoggerReporter implements CallbackFailureReporter {
  private final System.Logger log;

  SystemLoggerReporter() {
    this(System.getLogger(LoopStage.class.getName()));
  }

  SystemLoggerReporter(System.Logger log) {
    this.log = log;
  }

  @Override
  public void report(Throwable thrown) {
    log.log(Level.WARNING, "A callback on a mqttloop stage threw " + thrown
        + "; that exception completes the stage the callback returned", thrown);
  }
}
