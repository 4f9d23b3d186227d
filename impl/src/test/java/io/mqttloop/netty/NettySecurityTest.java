package io.mqttloop.netty;

import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import io.mqttloop.MqttState;
import io.mqttloop.tck.SecurityVerification;
import java.util.concurrent.Executor;

/** The Netty event loop passes the TCK's rules of certificate checks, over TLS and wss. */
class NettySecurityTest extends SecurityVerification {
  @Override
  protected MqttEventLoop createLoop(MqttOptions options, Executor executor, MqttState state) {
    return NettyMqtt.factory().create(options, executor, state);
  }
}
