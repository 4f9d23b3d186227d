package io.mqttloop.tck.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A blocking MQTT 3.1.1 client over a plain socket, a TLS socket or a WebSocket, encoding and
 * decoding with Netty's MQTT codec on embedded channels. Every read waits at most 5 seconds, so a
 * broker that stays silent fails the test instead of hanging it.
 */
final class MqttProbe implements AutoCloseable {
  private static final int TIMEOUT_MILLIS = 5_000;

  private final Closeable connection;
  private final InputStream in;
  private final OutputStream out;
  private final EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
  private final EmbeddedChannel decoder = new EmbeddedChannel(new MqttDecoder());

  private MqttProbe(Closeable connection, InputStream in, OutputStream out) {
    this.connection = connection;
    this.in = in;
    this.out = out;
  }

  /** A TCP connection to the broker's host and port, without any MQTT packet sent yet. */
  static MqttProbe open(TestBroker broker) throws IOException {
    return over(plainSocket(broker.host(), broker.port()));
  }

  /** A connected TCP socket to this port of 127.0.0.1, whose reads wait at most 5 seconds. */
  static Socket plainSocket(int port) throws IOException {
    return plainSocket(Loopback.HOST, port);
  }

  /** A connected TCP socket to this host and port, whose reads wait at most 5 seconds. */
  static Socket plainSocket(String host, int port) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
    socket.setSoTimeout(TIMEOUT_MILLIS);
    return socket;
  }

  /** MQTT over this connected socket, plain or TLS, without any MQTT packet sent yet. */
  static MqttProbe over(Socket socket) throws IOException {
    return over(socket, socket.getInputStream(), socket.getOutputStream());
  }

  /** MQTT over these streams, such as WebSocket frames; closing closes the connection. */
  static MqttProbe over(Closeable connection, InputStream in, OutputStream out) {
    return new MqttProbe(connection, in, out);
  }

  /**
   * Opens a connection, sends an anonymous clean-session CONNECT and checks it is accepted. With
   * the embedded broker it also waits until Moquette takes the client for connected, which it
   * does only after the CONNACK, so that a SUBSCRIBE sent next is not refused.
   */
  static MqttProbe connected(TestBroker broker, String clientId) throws IOException {
    MqttProbe probe = open(broker);
    assertEquals(MqttConnectReturnCode.CONNECTION_ACCEPTED,
        probe.connect(clientId, null, null).variableHeader().connectReturnCode());
    if (broker instanceof EmbeddedBroker embedded) {
      embedded.awaitConnected(clientId, Duration.ofMillis(TIMEOUT_MILLIS));
    }
    return probe;
  }

  /** Sends CONNECT with these credentials and returns the broker's CONNACK. */
  MqttConnAckMessage connect(String clientId, @Nullable String user, @Nullable String password)
      throws IOException {
    MqttMessageBuilders.ConnectBuilder connect = MqttMessageBuilders.connect()
        .protocolVersion(MqttVersion.MQTT_3_1_1)
        .clientId(clientId)
        .cleanSession(true)
        .keepAlive(60);
    if (user != null) {
      connect.hasUser(true).username(user);
    }
    if (password != null) {
      connect.hasPassword(true).password(password.getBytes(StandardCharsets.UTF_8));
    }
    send(connect.build());
    return (MqttConnAckMessage) receive(MqttMessageType.CONNACK);
  }

  /** Subscribes to one topic and returns the QoS the broker granted. */
  int subscribe(String topic, MqttQoS qos, int packetId) throws IOException {
    send(MqttMessageBuilders.subscribe().messageId(packetId).addSubscription(qos, topic).build());
    MqttSubAckMessage subAck = (MqttSubAckMessage) receive(MqttMessageType.SUBACK);
    assertEquals(packetId, subAck.variableHeader().messageId());
    return subAck.payload().grantedQoSLevels().get(0);
  }

  /** Sends a PUBLISH; QoS 0 needs no packet id and ignores it. */
  void publish(String topic, String payload, MqttQoS qos, int packetId) throws IOException {
    send(MqttMessageBuilders.publish()
        .topicName(topic)
        .qos(qos)
        .messageId(qos == MqttQoS.AT_MOST_ONCE ? 0 : packetId)
        .payload(Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8))
        .build());
  }

  /** Sends an acknowledgement (PUBACK, PUBREC, PUBREL or PUBCOMP) for this packet id. */
  void acknowledge(MqttMessageType type, int packetId) throws IOException {
    MqttQoS qos = type == MqttMessageType.PUBREL ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE;
    send(new MqttMessage(new MqttFixedHeader(type, false, qos, false, 0),
        MqttMessageIdVariableHeader.from(packetId)));
  }

  /** Waits for an acknowledgement of this type and checks its packet id. */
  void expectAcknowledgement(MqttMessageType type, int packetId) throws IOException {
    MqttMessage ack = receive(type);
    assertEquals(packetId, ((MqttMessageIdVariableHeader) ack.variableHeader()).messageId(),
        type + " packet id");
  }

  /** Waits for a PUBLISH and returns it as a delivery with the payload read out. */
  Delivery expectPublish() throws IOException {
    MqttPublishMessage publish = (MqttPublishMessage) receive(MqttMessageType.PUBLISH);
    try {
      return new Delivery(publish.variableHeader().topicName(),
          publish.payload().toString(StandardCharsets.UTF_8),
          publish.fixedHeader().qosLevel(), publish.variableHeader().packetId());
    } finally {
      publish.release();
    }
  }

  /** Waits for the next packet and checks its type. */
  MqttMessage receive(MqttMessageType expected) throws IOException {
    MqttMessage message = receive();
    assertTrue(message.decoderResult().isSuccess(), () -> "undecodable packet: " + message);
    assertEquals(expected, message.fixedHeader().messageType(), () -> "packet " + message);
    return message;
  }

  /** Checks that the broker closes the connection without sending another packet. */
  void expectClosedByBroker() throws IOException {
    try {
      MqttMessage unexpected = receive();
      fail("expected the broker to close the connection, got " + unexpected);
    } catch (EOFException | SocketException expected) {
      // A reset is as much a close as the end of the stream.
    }
  }

  @Override
  public void close() throws IOException {
    connection.close();
    encoder.finishAndReleaseAll();
    decoder.finishAndReleaseAll();
  }

  private void send(MqttMessage message) throws IOException {
    encoder.writeOutbound(message);
    for (ByteBuf bytes = encoder.readOutbound(); bytes != null; bytes = encoder.readOutbound()) {
      try {
        out.write(ByteBufUtil.getBytes(bytes));
      } finally {
        bytes.release();
      }
    }
    out.flush();
  }

  private MqttMessage receive() throws IOException {
    byte[] buffer = new byte[8192];
    for (MqttMessage message = decoder.readInbound(); ; message = decoder.readInbound()) {
      if (message != null) {
        return message;
      }
      int read = in.read(buffer);
      if (read < 0) {
        throw new EOFException("the broker closed the connection");
      }
      decoder.writeInbound(Unpooled.copiedBuffer(buffer, 0, read));
    }
  }

  /** A PUBLISH as the subscriber received it. */
  record Delivery(String topic, String payload, MqttQoS qos, int packetId) {
  }
}
