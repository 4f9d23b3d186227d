package io.mqttloop.tck.broker;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a system property back the value it had before each test, or clears it again, so that a
 * test may set it freely. A test class registers one per property with
 * {@code @RegisterExtension}.
 */
final class RestoredProperty implements BeforeEachCallback, AfterEachCallback {
  private final String name;
  private @Nullable String before;

  /** Restores the system property of this name. */
  RestoredProperty(String name) {
    this.name = name;
  }

  /** Remembers the value the property has before the test. */
  @Override
  public void beforeEach(ExtensionContext context) {
    before = System.getProperty(name);
  }

  /** Sets the remembered value again, or clears the property when it had none. */
  @Override
  public void afterEach(ExtensionContext context) {
    if (before == null) {
      System.clearProperty(name);
    } else {
      System.setProperty(name, before);
    }
  }
}
