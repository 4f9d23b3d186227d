package io.mqttloop.tck.selftest;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import io.mqttloop.MqttState;
import io.mqttloop.netty.NettyMqtt;
import io.mqttloop.tck.PublishVerification;
import io.mqttloop.tck.ReconnectVerification;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * Runs rules that the broken loops fail against the real Netty loop, through the same harness,
 * to show that it is the breakage that fails them, not the harness; and checks that the harness
 * tells a pass from a failure.
 */
class CorrectLoopTest {

  /** The rule that the loop completing QoS 1 on write fails. */
  @Test
  void theCorrectLoopPassesTheRuleThatQos1WaitsForPuback() {
    RuleRun.of(CorrectPublishing.class, "required_MQTT_4_3_2_1_qos1CompletesOnlyOnPuback")
        .assertPassed();
  }

  /** The rule that the loop dropping DUP fails. */
  @Test
  void theCorrectLoopPassesTheRuleOfResending() {
    RuleRun.of(CorrectReconnecting.class,
        "required_MQTT_4_4_0_1_aReconnectResendsInFlightWithDupAndTheSameIds").assertPassed();
  }

  /** The harness does not take a rule that passes for one that failed. */
  @Test
  void aRuleThatPassesIsNotReportedAsFailed() {
    RuleRun passed = RuleRun.of(CorrectPublishing.class,
        "required_MQTT_4_3_1_1_qos0CompletesOnceWrittenWithDupZero");

    AssertionError refused = assertThrows(AssertionError.class, passed::failure);

    assertTrue(refused.getMessage().contains("should have failed"), refused::getMessage);
  }

  /** Publishes through the Netty loop as it is. */
  static class CorrectPublishing extends PublishVerification {
    @Override
    protected MqttEventLoop createLoop(MqttOptions options, Executor executor, MqttState state) {
      return NettyMqtt.factory().create(options, executor, state);
    }
  }

  /** Reconnects through the Netty loop as it is. */
  static class CorrectReconnecting extends ReconnectVerification {
    @Override
    protected MqttEventLoop createLoop(MqttOptions options, Executor executor, MqttState state) {
      return NettyMqtt.factory().create(options, executor, state);
    }
  }
}
