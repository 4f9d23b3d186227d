package io.mqttloop.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every scenario shares: the broker, its process when this JVM started it, the payload, and
 * fresh client ids and topics.
 */
final class Workbench {
  private final BrokerEndpoint broker;
  private final Optional<ProcessHandle> brokerProcess;
  private final byte[] payload = new byte[Settings.PAYLOAD_BYTES];
  private final AtomicInteger names = new AtomicInteger();

  Workbench(BrokerEndpoint broker, Optional<ProcessHandle> brokerProcess) {
    this.broker = broker;
    this.brokerProcess = brokerProcess;
    Arrays.fill(payload, (byte) 'x');
  }

  /**
   * The CPU time the broker's process has used so far, when known: the kernel counts it in
   * ticks, 10 ms apart on most Linux systems.
   */
  Optional<Duration> brokerCpu() {
    return brokerProcess.flatMap(process -> process.info().totalCpuDuration());
  }

  BrokerEndpoint broker() {
    return broker;
  }

  /** The payload every message carries; shared, never changed. */
  byte[] payload() {
    return payload;
  }

  /** A name no earlier call returned: {@code prefix-n}. */
  String fresh(String prefix) {
    return prefix + "-" + names.incrementAndGet();
  }
}
