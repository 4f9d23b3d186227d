package io.mqttloop.tck.selftest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import io.mqttloop.MqttState;
import io.mqttloop.netty.NettyMqtt;
import io.mqttloop.tck.ConnectionVerification;
import io.mqttloop.tck.MqttEventLoopVerification;
import io.mqttloop.tck.PublishVerification;
import io.mqttloop.tck.ReconnectVerification;
import io.mqttloop.tck.SecurityVerification;
import io.mqttloop.tck.Transport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the TCK against event loops broken on purpose, one breakage a test, and checks that the
 * rule meant to catch the breakage fails, neither aborted nor skipped, with a message that says
 * what was wrong.
 *
 * <p>Each breakage is a verification class nested here, which makes the real Netty loop with one
 * corrupting handler; nested classes are not run on their own, only through {@link RuleRun}.
 */
class BrokenLoopsTest {
  /**
   * How long the rules wait for what a broken loop never does: enough on loopback, and shorter
   * than the TCK's default so that the self-test stays quick.
   */
  private static final Duration PATIENCE = Duration.ofSeconds(5);

  /** Each broken loop, with the rule that must catch it and what its failure must say. */
  static Stream<Breakage> breakages() {
    return Stream.of(
        new Breakage(CompletesQos1OnWrite.class,
            "required_MQTT_4_3_2_1_qos1CompletesOnlyOnPuback", "PUBACK", "too early"),
        new Breakage(ReusesPacketIds.class,
            "required_MQTT_2_3_1_2_packetIdsInFlightAreNonZeroAndDistinct",
            "packet id " + OneIdForEveryPublish.THE_ID, "used twice", "in flight"),
        new Breakage(DropsDup.class,
            "required_MQTT_4_4_0_1_aReconnectResendsInFlightWithDupAndTheSameIds", "DUP",
            "resend"),
        new Breakage(ForgetsSubscriptionsOnReconnect.class,
            "required_aFreshSessionRestoresTheSubscriptionsFirst", "SUBSCRIBE",
            "new connection"),
        new Breakage(ExceedsTheWindow.class, "required_inflightWindowIsNeverExceeded",
            "6 PUBLISH", "not 3", "in flight", "window"),
        new Breakage(NeverPingsOnIdle.class,
            "required_MQTT_3_1_2_23_aBrokerThatStopsAnsweringIsFoundOutByKeepAlive", "PINGREQ"),
        new Breakage(TrustsEveryCertificate.class,
            "required_anUntrustedCertificateFailsTheConnect", "should have failed",
            "Connected"));
  }

  /** The rule fails against the broken loop, and its message holds the words expected. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("breakages")
  void theRuleMeantToCatchABreakageFailsSayingWhatWasWrong(Breakage breakage) {
    Throwable failure = RuleRun.of(breakage.loop(), breakage.rule()).failure();

    String message = String.valueOf(failure.getMessage());
    for (String word : breakage.words()) {
      assertTrue(message.contains(word), () -> "the failure should mention \"" + word
          + "\", but was: " + failure);
    }
  }

  /**
   * A broken loop, as a verification class; the rule of it that must fail; and words its
   * failure message must contain.
   */
  record Breakage(Class<? extends MqttEventLoopVerification> loop, String rule,
      List<String> words) {

    Breakage(Class<? extends MqttEventLoopVerification> loop, String rule, String... words) {
      this(loop, rule, List.of(words));
    }

    /** The name of the broken loop and of the rule, as the test report shows them. */
    @Override
    public String toString() {
      return loop.getSimpleName() + " fails " + rule;
    }
  }

  /** Over TLS, trusts every certificate and checks no host name. */
  static class TrustsEveryCertificate extends SecurityVerification {
    @Override
    protected Transport transport() {
      return Transport.TLS;
    }

    @Override
    protected MqttEventLoop createLoop(MqttOptions options, Executor executor, MqttState state) {
      return NettyMqtt.factory().create(TrustAll.in(options), executor, state);
    }
  }

  /** Completes each QoS 1 publish as soon as it is written. */
  static class CompletesQos1OnWrite extends PublishVerification {
    @Override
    protected MqttEventLoop createLoop(MqttOptions options, Executor executor, MqttState state) {
      return BrokenLoop.create(AcksQos1OnWrite::new, options, executor, state);
    }
  }

  /** Sends every publish under one packet id. */
  static class ReusesPacketIds extends PublishVerification {
    @Override
    protected MqttEventLoop createLoop(MqttOptions options, Executor executor, MqttState state) {
      return BrokenLoop.create(OneIdForEveryPublish::new, options, executor, state);
    }
  }

  /** Resends publishes without DUP. */
  static class DropsDup extends ReconnectVerification {
    @Override
    protected MqttEventLoop createLoop(MqttOptions options, Executor executor, MqttState state) {
      return BrokenLoop.create(ClearsDup::new, options, executor, state);
    }
  }

  /** Restores no subscription on a new connection. */
  static class ForgetsSubscriptionsOnReconnect extends ReconnectVerification {
    @Override
    protected MqttEventLoop createLoop(MqttOptions options, Executor executor, MqttState state) {
      return BrokenLoop.create(ForgetsSubscriptions.afterTheFirstConnection(), options,
          executor, state);
    }

    @Override
    protected Duration stageTimeout() {
      return PATIENCE;
    }
  }

  /** Has twice as many publishes in flight as the window allows. */
  static class ExceedsTheWindow extends PublishVerification {
    @Override
    protected MqttEventLoop createLoop(MqttOptions options, Executor executor, MqttState state) {
      return BrokenLoop.create(CopiesQos1Publishes::new, options, executor, state);
    }

    @Override
    protected Duration stageTimeout() {
      return PATIENCE;
    }
  }

  /** Sends no PINGREQ. */
  static class NeverPingsOnIdle extends ConnectionVerification {
    @Override
    protected MqttEventLoop createLoop(MqttOptions options, Executor executor, MqttState state) {
      return BrokenLoop.create(NeverPings::new, options, executor, state);
    }
  }
}
