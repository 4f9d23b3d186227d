package io.mqttloop.netty;

import io.mqttloop.spi.CallbackFailureReporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs, at WARN with its stack trace, every exception that an application's callback on a
 * mqttloop stage throws. Found by {@link java.util.ServiceLoader}; applications do not call it.
 */
public final class Slf4jCallbackFailureReporter implements CallbackFailureReporter {
  private static final Logger log = LoggerFactory.getLogger(Slf4jCallbackFailureReporter.class);

  /** Made by {@link java.util.ServiceLoader}. */
  public Slf4jCallbackFailureReporter() {}

  /** Logs {@code thrown} at WARN, naming it on the first line; payloads are never logged. */
  @Override
  public void report(Throwable thrown) {
    log.warn("A callback on a mqttloop stage threw {}; that exception completes the stage the"
        + " callback returned", thrown.toString(), thrown);
  }
}
