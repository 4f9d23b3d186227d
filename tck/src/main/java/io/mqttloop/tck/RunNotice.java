package io.mqttloop.tck;

import io.mqttloop.tck.broker.TestBroker;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Says once per JVM, at INFO, which broker and which transport the TCK's rules run against. */
final class RunNotice {
  private static final Logger LOG = LoggerFactory.getLogger(RunNotice.class);
  private static final AtomicBoolean TOLD = new AtomicBoolean();

  private RunNotice() {}

  static void once(TestBroker broker, Transport transport) {
    if (TOLD.compareAndSet(false, true)) {
      LOG.info("mqttloop TCK: real broker {} on {}:{}, transport {} (the scripted broker and the"
          + " fault proxy speak plain TCP)", broker.kind(), broker.host(), broker.port(),
          transport.propertyValue());
    }
  }
}
