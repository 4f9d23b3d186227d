package io.mqttloop.examples;

import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import io.mqttloop.MqttState;
import io.mqttloop.tck.ConnectionVerification;
import io.mqttloop.tck.PublishVerification;
import io.mqttloop.tck.RunVerification;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Nested;

/**
 * Certifies the packet-logging transport as any transport is certified: a class per area of the
 * TCK, each writing the one factory method. A transport certifies against every verification
 * class; this example takes three, to stay quick.
 */
class PacketLoggingTransportTest {
  private static final PacketLoggingTransport TRANSPORT = new PacketLoggingTransport();

  /** The TCK's rules of the connect. */
  @Nested
  class ConnectionRules extends ConnectionVerification {
    @Override
    protected MqttEventLoop createLoop(MqttOptions options, Executor executor, MqttState state) {
      return TRANSPORT.create(options, executor, state);
    }
  }

  /** The TCK's rules of publishing. */
  @Nested
  class PublishRules extends PublishVerification {
    @Override
    protected MqttEventLoop createLoop(MqttOptions options, Executor executor, MqttState state) {
      return TRANSPORT.create(options, executor, state);
    }
  }

  /** The TCK's rules of a run's end. */
  @Nested
  class RunRules extends RunVerification {
    @Override
    protected MqttEventLoop createLoop(MqttOptions options, Executor executor, MqttState state) {
      return TRANSPORT.create(options, executor, state);
    }
  }
}
