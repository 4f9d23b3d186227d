package io.mqttloop.tck.scripted;

import static io.mqttloop.tck.scripted.PlainClient.TIMEOUT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FloodTest {
  /** Long enough to move tens of megabytes over loopback on a slow machine. */
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

  /** How long the count of written packets must stand still for the flood to count as held. */
  private static final Duration STILL = Duration.ofMillis(300);

  private static final int PAYLOAD_BYTES = 1024;

  /** A flood of 1 KiB packets, 50 MiB in all: two orders of magnitude above the slack. */
  private static final int BIG_COUNT = 50_000;

  private final ScriptedBroker broker = ScriptedBroker.start();

  @AfterEach
  void closeBroker() {
    broker.close();
  }

  @Test
  void writesEveryPacketInOrderToAClientThatReads() {
    try (PlainClient client = connected()) {
      client.discardPublishes();

      Flood flood = broker.flood(5_000, 100, "flood/fast");

      flood.awaitWritten(DRAIN_TIMEOUT);
      await().atMost(TIMEOUT).until(() -> client.publishesReceived() == 5_000);
      assertEquals(4_999, client.lastPublishIndex());
      assertEquals(0, client.publishesOutOfOrder());
      assertEquals(0, client.lastPublishId());
      assertEquals(5_000, flood.written());
      assertEquals(0, flood.buffered());
      assertTrue(flood.isDone());
      assertFalse(flood.isPaused());
    }
  }

  @Test
  void holdsTheRestWhileTheClientDoesNotReadAndGoesOnWhenItDoes() {
    try (PlainClient client = connected()) {
      client.discardPublishes();
      client.stopReading();

      Flood flood = broker.flood(BIG_COUNT, PAYLOAD_BYTES, "flood/slow");

      int held = awaitHeld(flood);
      assertTrue(held < BIG_COUNT / 20,
          () -> "a client that reads nothing let the broker write " + held + " packets: " + flood);
      int packetBytes = PAYLOAD_BYTES + 2 + "flood/slow".length() + 3;
      assertTrue(flood.buffered() <= ScriptedBroker.HIGH_WATER_MARK / packetBytes + 1,
          () -> "the broker itself holds " + flood.buffered() + " packets: " + flood);
      assertFalse(flood.isDone());

      client.resumeReading();

      flood.awaitWritten(DRAIN_TIMEOUT);
      await().atMost(DRAIN_TIMEOUT).until(() -> client.publishesReceived() == BIG_COUNT);
      assertEquals(0, client.publishesOutOfOrder());
    }
  }

  @Test
  void keepsAnsweringTheClientWhileAFloodWaits() {
    try (PlainClient client = connected()) {
      client.stopReading();
      Flood flood = broker.flood(BIG_COUNT, PAYLOAD_BYTES, "flood/slow");
      awaitHeld(flood);

      client.send(MqttMessage.PINGREQ);

      broker.awaitPacket(MqttMessageType.PINGREQ, TIMEOUT);
      flood.stop();
    }
  }

  @Test
  void stopsMakingPacketsWhenStopped() {
    try (PlainClient client = connected()) {
      client.discardPublishes();
      client.stopReading();
      Flood flood = broker.flood(BIG_COUNT, PAYLOAD_BYTES, "flood/stopped");
      awaitHeld(flood);

      flood.stop();
      client.resumeReading();

      await().atMost(DRAIN_TIMEOUT).until(() -> flood.buffered() == 0);
      int written = flood.written();
      assertTrue(written < BIG_COUNT / 20, flood::toString);
      await().atMost(TIMEOUT).until(() -> client.publishesReceived() == written);
      await().during(STILL).atMost(TIMEOUT).until(() -> client.publishesReceived() == written);
      assertTrue(flood.isDone());
      AssertionError stopped =
          assertThrows(AssertionError.class, () -> flood.awaitWritten(TIMEOUT));
      assertTrue(stopped.getMessage().contains("ended before every packet"),
          stopped.getMessage());
    }
  }

  @Test
  void endsWhenTheClientCloses() {
    PlainClient client = connected();
    client.stopReading();
    Flood flood = broker.flood(BIG_COUNT, PAYLOAD_BYTES, "flood/closed");
    awaitHeld(flood);

    client.close();

    AssertionError closed = assertThrows(AssertionError.class, () -> flood.awaitWritten(TIMEOUT));
    assertTrue(closed.getMessage().contains("ended before every packet"), closed.getMessage());
    assertTrue(flood.isDone());
    assertFalse(flood.isPaused());
  }

  @Test
  void numbersQos1PacketsFromOne() {
    try (PlainClient client = connected()) {
      broker.flood(3, 8, "flood/q1", 1).awaitWritten(TIMEOUT);

      for (int i = 0; i < 3; i++) {
        MqttPublishMessage publish = (MqttPublishMessage) client.nextPacket();
        assertEquals(MqttQoS.AT_LEAST_ONCE, publish.fixedHeader().qosLevel());
        assertEquals(i + 1, publish.variableHeader().packetId());
        assertEquals(i, ByteBuffer.wrap(ByteBufUtil.getBytes(publish.content())).getInt());
        assertEquals(8, publish.content().readableBytes());
      }
    }
  }

  @Test
  void wrapsQos1PacketIdentifiersAfter65535() {
    try (PlainClient client = connected()) {
      client.discardPublishes();

      broker.flood(65_537, 4, "w", 1).awaitWritten(DRAIN_TIMEOUT);

      await().atMost(DRAIN_TIMEOUT).until(() -> client.publishesReceived() == 65_537);
      assertEquals(2, client.lastPublishId());
      assertEquals(0, client.publishesOutOfOrder());
    }
  }

  @Test
  void finishesAnEmptyFloodAtOnce() {
    try (PlainClient client = connected()) {
      Flood flood = broker.flood(0, 10, "flood/empty");

      flood.awaitWritten(TIMEOUT);

      assertEquals(0, flood.written());
    }
  }

  @Test
  void refusesWhatItCannotFlood() {
    assertThrows(AssertionError.class, () -> broker.flood(1, 1, "nobody"));
    assertThrows(IllegalArgumentException.class, () -> broker.flood(-1, 1, "t"));
    assertThrows(IllegalArgumentException.class, () -> broker.flood(1, -1, "t"));
    assertThrows(IllegalArgumentException.class, () -> broker.flood(1, 1, "t", 2));
  }

  /**
   * Waits until the flood is paused and its count of written packets stands still, and returns
   * that count.
   */
  private static int awaitHeld(Flood flood) {
    int[] last = {-1};
    await().pollInterval(Duration.ofMillis(50)).atMost(DRAIN_TIMEOUT).until(() -> {
      int now = flood.written();
      boolean still = flood.isPaused() && now == last[0];
      last[0] = now;
      return still;
    });
    int held = last[0];
    await().during(STILL).atMost(TIMEOUT).until(() -> flood.written() == held);
    return held;
  }

  private PlainClient connected() {
    PlainClient client = PlainClient.connectAndSendConnect(broker);
    client.nextPacket(MqttMessageType.CONNACK);
    return client;
  }
}
