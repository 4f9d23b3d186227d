package io.mqttloop.netty;

import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import io.mqttloop.MqttState;
import io.mqttloop.tck.StageVerification;
import java.util.concurrent.Executor;

/** The Netty event loop over TCP passes the TCK's rules of stages. */
class NettyStageTest extends StageVerification {
  @Override
  protected MqttEventLoop createLoop(MqttOptions options, Executor executor, MqttState state) {
    return NettyMqtt.factory().create(options, executor, state);
  }
}
