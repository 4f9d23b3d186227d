package io.mqttloop.netty;

import io.mqttloop.Message;
import io.mqttloop.MqttOptions;
import io.mqttloop.QoS;
import io.mqttloop.spi.Acknowledger;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * The receiving side of the loop: incoming PUBLISHes go to the inbox, delivered once, and are
 * acknowledged only once the application has them; reading stops while the inbox is full.
 * Confined to the loop.
 */
final class Receiver implements Inbox.Loop {
  private static final Acknowledger NOTHING_TO_ACKNOWLEDGE = message -> { };

  private final boolean manualAcknowledgement;
  private final Wire wire;
  private final Inbox inbox;
  private final IncomingAcks incomingAcks = new IncomingAcks();
  private final IncomingAcks.Sender pubackSender = this::sendPuback;
  private final IncomingAcks.Sender pubrecSender = this::sendPubrec;
  private boolean readingSuspended;

  Receiver(MqttOptions options, Wire wire) {
    this.manualAcknowledgement = options.manualAcknowledgement();
    this.wire = wire;
    this.inbox = new Inbox(this, options.maxBufferedMessages());
  }

  Flow.Publisher<Message> messages() {
    return inbox;
  }

  /** Whether reading waits for the application to take messages. */
  boolean readingSuspended() {
    return readingSuspended;
  }

  /**
   * A message from the broker: delivered once, acknowledged only once the application has it. A
   * QoS 2 copy of one awaiting PUBREL is not delivered again; its PUBREC is sent again if it had
   * gone out.
   */
  void publishArrived(MqttPublishMessage publish) {
    String topic = publish.variableHeader().topicName();
    if (topic.isEmpty()) {
      // The decoder refuses ill-formed UTF-8, U+0000 and wildcards; an empty name it lets by.
      wire.protocolError("the broker sent a PUBLISH with an empty topic name");
      return;
    }
    QoS qos = QoS.of(publish.fixedHeader().qosLevel().value());
    int packetId = publish.variableHeader().packetId();
    if (qos == QoS.EXACTLY_ONCE && !incomingAcks.firstQos2Arrival(packetId)) {
      if (incomingAcks.pubrecSent(packetId)) {
        sendPubrec(packetId);
      }
      return;
    }
    inbox.offer(message(publish, topic, qos, packetId));
  }

  /** PUBREL frees a QoS 2 packet id for a new message; PUBCOMP answers it. */
  void pubRelArrived(int packetId) {
    if (incomingAcks.awaitsRelease(packetId) && !incomingAcks.pubrecSent(packetId)) {
      wire.protocolError("the broker sent PUBREL for packet id " + packetId
          + " before the client sent PUBREC");
      return;
    }
    incomingAcks.released(packetId);
    wire.write(Packets.pubcomp(packetId));
    wire.flushSoon();
  }

  /**
   * Reads on while the inbox has room and the connection takes writes; else waits, for the
   * application to take messages, or for the broker to read the acknowledgements owed to it, so
   * that neither piles up in memory.
   */
  void readBatchEnded() {
    if (inbox.isFull() || !wire.writable()) {
      readingSuspended = true;
    } else {
      wire.read();
    }
  }

  /** Reads again, if reading waited and what it waited for is there now. */
  void resumeReading() {
    if (readingSuspended && !inbox.isFull() && wire.writable() && wire.connection() != 0) {
      readingSuspended = false;
      wire.read();
    }
  }

  @Override
  public boolean submit(Runnable task) {
    return wire.submit(task);
  }

  @Override
  public void handedOver(Message message) {
    if (!manualAcknowledgement) {
      message.acknowledge();
    }
  }

  @Override
  public void roomFreed() {
    resumeReading();
  }

  /**
   * The connection is gone and another may follow: nothing owed on it can be sent, and what the
   * application did not take yet is dropped, for the broker to send again.
   */
  void connectionLost() {
    incomingAcks.clear();
    readingSuspended = false;
    inbox.dropBuffered();
  }

  /** The loop closed: the subscriber is told. */
  void closed() {
    connectionLost();
    inbox.complete();
  }

  /** The QoS 2 packet ids awaiting PUBREL, for a state. */
  List<Integer> awaitingRelease() {
    return incomingAcks.awaitingRelease();
  }

  /** Takes on what a resumed state says awaits PUBREL. */
  void resume(List<Integer> awaitingRelease) {
    incomingAcks.awaitRelease(awaitingRelease);
  }

  /** The broker holds no session: no PUBREL will come for what awaited one. */
  void sessionLost() {
    incomingAcks.forgetReleases();
  }

  private Message message(MqttPublishMessage publish, String topic, QoS qos, int packetId) {
    byte[] payload = ByteBufUtil.getBytes(publish.content());
    boolean retain = publish.fixedHeader().isRetain();
    boolean duplicate = publish.fixedHeader().isDup();
    if (qos == QoS.AT_MOST_ONCE) {
      return new Message(topic, payload, qos, retain, duplicate, NOTHING_TO_ACKNOWLEDGE);
    }
    IncomingAcks.Owed owed = incomingAcks.owe(packetId, qos);
    int arrivedOn = wire.connection();
    return new Message(topic, payload, qos, retain, duplicate,
        message -> acknowledgedByTheApplication(owed, arrivedOn));
  }

  /**
   * The application acknowledged a message, maybe from another thread, maybe much later: on the
   * connection it came on only, since a new one gets it again from the broker.
   */
  private void acknowledgedByTheApplication(IncomingAcks.Owed owed, int arrivedOn) {
    wire.submit(() -> {
      if (arrivedOn == wire.connection()) {
        incomingAcks.ready(owed, pubackSender, pubrecSender);
        wire.flushSoon();
      }
    });
  }

  private void sendPuback(int packetId) {
    wire.write(Packets.puback(packetId));
  }

  private void sendPubrec(int packetId) {
    wire.write(Packets.pubrec(packetId));
    wire.flushSoon();
  }
}
