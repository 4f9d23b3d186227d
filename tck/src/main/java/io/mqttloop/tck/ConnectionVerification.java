package io.mqttloop.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttloop.BrokerUnreachableException;
import io.mqttloop.ConnectReturnCode;
import io.mqttloop.Connected;
import io.mqttloop.Credentials;
import io.mqttloop.ConnectionRefusedException;
import io.mqttloop.ConnectionLostException;
import io.mqttloop.MqttClosedException;
import io.mqttloop.MqttConnectTimeoutException;
import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import io.mqttloop.Publish;
import io.mqttloop.QoS;
import io.mqttloop.Sources;
import io.mqttloop.Will;
import io.mqttloop.tck.scripted.ConnackScript;
import io.mqttloop.tck.scripted.ReceivedPacket;
import io.mqttloop.tck.scripted.ScriptedBroker;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Rules of the connect: CONNECT and CONNACK, and each way a connect can fail. */
public abstract class ConnectionVerification extends MqttEventLoopVerification {

  /** For subclasses, which write {@link #createLoop}. */
  protected ConnectionVerification() {}

  /** The client connects to a stock broker over plain TCP with default options (MQTT-7.1.2-1). */
  @Test
  public void required_MQTT_7_1_2_1_connectsToARealBrokerOverTcp() {
    MqttOptions options = brokerOptions().build();

    Connected connected = await(newLoop(options).connect(), "connect");

    assertEquals(options.host(), connected.host());
    assertEquals(options.port(), connected.port());
    assertFalse(connected.sessionPresent(), "a clean session has no session present");
  }

  /** The first packet on a new connection is CONNECT, and it carries the options (3.1.0-1). */
  @Test
  public void required_MQTT_3_1_0_1_firstPacketIsConnectCarryingTheOptions() {
    MqttOptions options = scriptedOptions().keepAliveSeconds(42).cleanSession(false).build();

    await(newLoop(options).connect(), "connect");

    ReceivedPacket first = scriptedBroker().awaitPacket(0, stageTimeout());
    assertTrue(first.is(MqttMessageType.CONNECT), "the first packet was " + first);
    MqttConnectMessage connect = first.as(MqttConnectMessage.class);
    assertEquals("MQTT", connect.variableHeader().name());
    assertEquals(4, connect.variableHeader().version(), "protocol level of MQTT 3.1.1");
    assertEquals(options.clientId(), connect.payload().clientIdentifier());
    assertEquals(42, connect.variableHeader().keepAliveTimeSeconds());
    assertFalse(connect.variableHeader().isCleanSession());
  }

  /**
   * A will travels in CONNECT: flag set, its QoS and retain bits, then topic and message after
   * the client id, in that order (MQTT-3.1.2-9, 3.1.3-1).
   */
  @Test
  public void required_MQTT_3_1_2_9_theWillTravelsInConnect() {
    Will will = Will.of("last/words", new byte[] {4, 2}, QoS.AT_LEAST_ONCE, true);
    MqttOptions options = scriptedOptions().will(will)
        .credentials(Credentials.of("user", new byte[] {7})).build();

    await(newLoop(options).connect(), "connect");

    MqttConnectMessage connect = scriptedBroker().awaitPacket(0, stageTimeout())
        .as(MqttConnectMessage.class);
    assertTrue(connect.variableHeader().isWillFlag());
    assertEquals(1, connect.variableHeader().willQos());
    assertTrue(connect.variableHeader().isWillRetain());
    assertEquals("last/words", connect.payload().willTopic());
    assertArrayEquals(new byte[] {4, 2}, connect.payload().willMessageInBytes());
    assertTrue(connect.variableHeader().hasUserName() && connect.variableHeader().hasPassword());
    assertEquals("user", connect.payload().userName());
    assertArrayEquals(new byte[] {7}, connect.payload().passwordInBytes());
  }

  /**
   * Without a will, its flag, QoS and retain bits are 0 and no will field is sent; without
   * credentials, no user name or password flag (MQTT-3.1.2-11, -13, -15, -18, -20).
   */
  @Test
  public void required_MQTT_3_1_2_11_noWillAndNoCredentialsLeaveTheirBitsClear() {
    await(newLoop(scriptedOptions().build()).connect(), "connect");

    ReceivedPacket first = scriptedBroker().awaitPacket(0, stageTimeout());
    MqttConnectMessage connect = first.as(MqttConnectMessage.class);
    assertFalse(connect.variableHeader().isWillFlag());
    assertEquals(0, connect.variableHeader().willQos());
    assertFalse(connect.variableHeader().isWillRetain());
    assertFalse(connect.variableHeader().hasUserName());
    assertFalse(connect.variableHeader().hasPassword());
    assertEquals(null, connect.payload().willTopic());
  }

  /** A refusal fails the connect with the broker's return code, one test per code. */
  @ParameterizedTest
  @EnumSource(ConnectReturnCode.class)
  public void required_refusedConnectFailsWithTheReturnCode(ConnectReturnCode code) {
    scriptedBroker().connack(ConnackScript.refuse(code));
    MqttEventLoop loop = newLoop(scriptedOptions().build());

    Throwable failure = awaitFailure(loop.connect(), "connect to a refusing broker");

    ConnectionRefusedException refused = assertInstanceOf(ConnectionRefusedException.class,
        failure, "a refusal fails the connect with ConnectionRefusedException");
    assertEquals(code, refused.returnCode());
    assertInstanceOf(MqttClosedException.class,
        awaitFailure(loop.run(Sources.from(List.of())), "run after a refused connect"));
  }

  /** Nothing listening on the port fails the connect with BrokerUnreachableException. */
  @Test
  public void required_connectToAClosedPortFailsAsUnreachable() {
    MqttOptions options = MqttOptions.builder().broker("127.0.0.1", closedPort())
        .connectTimeout(Duration.ofSeconds(5)).build();

    Throwable failure = awaitFailure(newLoop(options).connect(), "connect to a closed port");

    assertInstanceOf(BrokerUnreachableException.class, failure);
  }

  /** A broker that takes the connection but never answers CONNACK fails it with a timeout. */
  @Test
  public void required_connectWithoutConnackFailsWithTheConnectTimeout() {
    ScriptedBroker scripted = scriptedBroker().connack(ConnackScript.withhold());
    MqttOptions options = scriptedOptions().connectTimeout(Duration.ofMillis(500)).build();

    Throwable failure = awaitFailure(newLoop(options).connect(), "connect without CONNACK");

    assertInstanceOf(MqttConnectTimeoutException.class, failure);
    assertTrue(scripted.awaitPacket(0, stageTimeout()).is(MqttMessageType.CONNECT));
    scripted.awaitClientClosed(stageTimeout());
  }

  /**
   * A broker that stops answering is found out by keep-alive: with nothing else to send, the loop
   * sends PINGREQ (MQTT-3.1.2-23); it goes unanswered, and the loop gives the connection up,
   * failing the run with its state, well within two intervals.
   */
  @Test
  public void required_MQTT_3_1_2_23_aBrokerThatStopsAnsweringIsFoundOutByKeepAlive() {
    ScriptedBroker scripted = scriptedBroker();
    MqttEventLoop loop = connectedLoop(scriptedOptions().keepAliveSeconds(1).build());
    scripted.silence();
    Publish unanswered = NumberedPublishes.numbered(0, QoS.AT_LEAST_ONCE);

    Throwable failure = awaitFailure(loop.run(Sources.from(List.of(unanswered))),
        "a run on a connection whose broker went silent");

    ConnectionLostException lost = assertInstanceOf(ConnectionLostException.class, failure);
    assertInstanceOf(TimeoutException.class, lost.getCause());
    assertEquals(List.of(unanswered), lost.state().requests());
    assertTrue(scripted.received(MqttMessageType.PINGREQ).size() >= 1, "a PINGREQ was sent");
  }

  /** A loop connects once; a second connect fails and leaves the connection alone. */
  @Test
  public void required_secondConnectFailsWithIllegalState() {
    MqttEventLoop loop = connectedLoop(brokerOptions().build());

    Throwable failure = awaitFailure(loop.connect(), "a second connect");

    assertInstanceOf(IllegalStateException.class, failure);
    await(loop.run(Sources.from(List.of())), "a run after the second connect");
  }

  /** A run before connect fails at once instead of waiting. */
  @Test
  public void required_runBeforeConnectFailsWithIllegalState() {
    MqttEventLoop loop = newLoop(brokerOptions().build());

    Throwable failure = awaitFailure(loop.run(Sources.from(List.of())), "run before connect");

    assertInstanceOf(IllegalStateException.class, failure);
  }
}
