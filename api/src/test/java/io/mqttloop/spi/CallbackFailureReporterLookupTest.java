package io.mqttloop.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** How the JVM's reporter is found, and what stands in when no transport provides one. */
class CallbackFailureReporterLookupTest {

  @Test
  void theProviderOnTheClassPathIsFound() {
    CallbackFailureReporter found = ReportingCallbacks.find(getClass().getClassLoader());

    assertInstanceOf(RecordingReporter.class, found);
  }

  @Test
  void withoutAProviderTheFailuresGoToThePlatformLogger() {
    CallbackFailureReporter found = ReportingCallbacks.find(ClassLoader.getPlatformClassLoader());

    assertInstanceOf(SystemLoggerReporter.class, found);
  }

  @Test
  void thePlatformLoggerGetsAWarningWithTheThrowable() {
    RecordingLogger logger = new RecordingLogger();
    RuntimeException thrown = new IllegalArgumentException("callback bug");

    new SystemLoggerReporter(logger).report(thrown);

    assertEquals(List.of(Level.WARNING), logger.levels);
    assertSame(thrown, logger.thrown.get(0));
    assertTrue(logger.messages.get(0).contains("callback bug"), logger.messages.get(0));
  }

  /** Keeps what it is asked to log. */
  private static final class RecordingLogger implements System.Logger {
    final List<Level> levels = new ArrayList<>();
    final List<String> messages = new ArrayList<>();
    final List<@Nullable Throwable> thrown = new ArrayList<>();

    @Override
    public String getName() {
      return "recording";
    }

    @Override
    public boolean isLoggable(Level level) {
      return true;
    }

    @Override
    public void log(Level level, @Nullable ResourceBundle bundle, String message,
        @Nullable Throwable throwable) {
      levels.add(level);
      messages.add(message);
      thrown.add(throwable);
    }

    @Override
    public void log(Level level, @Nullable ResourceBundle bundle, String format,
        Object... params) {
      log(level, bundle, format, (Throwable) null);
    }
  }
}
