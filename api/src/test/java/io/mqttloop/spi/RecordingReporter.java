package io.mqttloop.spi;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The reporter the api's tests provide through {@code META-INF/services}: it keeps what it is
 * told, for the tests to read. Tests run one at a time, each forgetting what came before.
 */
public final class RecordingReporter implements CallbackFailureReporter {
  private static final List<Throwable> REPORTED = new CopyOnWriteArrayList<>();

  /** Made by {@link java.util.ServiceLoader}. */
  public RecordingReporter() {}

  @Override
  public void report(Throwable thrown) {
    REPORTED.add(thrown);
  }

  /** What was reported since the last {@link #forget()}, in order. */
  static List<Throwable> reported() {
    return List.copyOf(REPORTED);
  }

  static void forget() {
    REPORTED.clear();
  }
}
