package io.mqttloop.tck.scripted;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives each accepted connection an index, a tap for the first byte of each packet, the MQTT
 * codec and the script.
 */
final class ScriptedChannelInitializer extends ChannelInitializer<SocketChannel> {
  private static final Logger LOG = LoggerFactory.getLogger(ScriptedChannelInitializer.class);

  /** The largest remaining length MQTT 3.1.1 can express, so no packet is too big to record. */
  private static final int MAX_PACKET_BYTES = 268_435_455;

  private final BrokerScript script;
  private final Recording recording;
  private final HeldAcks heldAcks;

  ScriptedChannelInitializer(BrokerScript script, Recording recording, HeldAcks heldAcks) {
    this.script = script;
    this.recording = recording;
    this.heldAcks = heldAcks;
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    Connection connection = recording.open(channel);
    LOG.debug("accepted {} from {}", connection, channel.remoteAddress());

    channel.closeFuture().addListener(closed -> forget(connection));

    FirstByteTap tap = new FirstByteTap();
    channel.pipeline().addLast(
        tap,
        new MqttDecoder(MAX_PACKET_BYTES),
        MqttEncoder.INSTANCE,
        new ScriptedConnectionHandler(connection, script, recording, heldAcks, tap));
  }

  private void forget(Connection connection) {
    LOG.debug("connection {} ended, closed by the {}", connection.index(),
        connection.closedByBroker() ? "broker" : "client");
    heldAcks.dropFor(connection);
  }
}
