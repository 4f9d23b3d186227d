package io.mqttloop.tck;

import io.mqttloop.Publish;
import io.mqttloop.QoS;
import io.mqttloop.Request;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Publishes whose payload carries their position in a sequence, so that a test can tell from what
 * a broker received which publish it was and in what order it came.
 */
public final class NumberedPublishes {
  /** The topic every numbered publish goes to. */
  public static final String TOPIC = "mqttloop/tck/numbered";

  private NumberedPublishes() {}

  /** {@code count} publishes at {@code qos}, numbered from 0. */
  public static List<Publish> of(int count, QoS qos) {
    return of(count, qos, TOPIC);
  }

  /** {@code count} publishes at {@code qos} to {@code topic}, numbered from 0. */
  public static List<Publish> of(int count, QoS qos, String topic) {
    List<Publish> publishes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      publishes.add(numbered(i, qos, topic));
    }
    return publishes;
  }

  /** {@code count} publishes numbered from 0, cycling through QoS 0, 1 and 2. */
  public static List<Publish> ofEveryQos(int count) {
    List<Publish> publishes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      publishes.add(numbered(i, QoS.of(i % 3)));
    }
    return publishes;
  }

  /** Publishes at {@code qos} numbered from 0, without end, made as they are taken. */
  public static Iterable<Request> endless(QoS qos) {
    return () -> new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Request next() {
        return numbered(next++, qos);
      }
    };
  }

  /** The publish numbered {@code number}, with an 8-byte payload. */
  public static Publish numbered(int number, QoS qos) {
    return numbered(number, qos, TOPIC);
  }

  /** The publish numbered {@code number} to {@code topic}, with an 8-byte payload. */
  public static Publish numbered(int number, QoS qos, String topic) {
    byte[] payload = ByteBuffer.allocate(8).putInt(number).putInt(~number).array();
    return Publish.of(topic, payload, qos);
  }

  /**
   * The number a numbered publish's payload carries.
   *
   * @throws IllegalArgumentException when the payload is not a numbered publish's
   */
  public static int numberOf(byte[] payload) {
    ByteBuffer buffer = ByteBuffer.wrap(payload);
    if (payload.length != 8 || buffer.getInt(0) != ~buffer.getInt(4)) {
      throw new IllegalArgumentException("not a numbered publish's payload: " + payload.length
          + " bytes");
    }
    return buffer.getInt(0);
  }
}
