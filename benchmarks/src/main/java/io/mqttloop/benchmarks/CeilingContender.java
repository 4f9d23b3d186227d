package io.mqttloop.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The ceiling: no client library, one thread writing pre-encoded packets to a plain blocking
 * socket and reading the acknowledgements between its writes. Each write carries every PUBREL
 * due and, once a quarter of the window is free, as many PUBLISH packets as the window has room
 * for, so it shows what the broker and the loopback link allow when the client costs next to
 * nothing and sends in batches.
 *
 * <p>Before each blocking read it asks the kernel to acknowledge at once what arrives
 * ({@code TCP_QUICKACK}, on Linux): mosquitto 2.0 leaves Nagle's algorithm on, so while a client
 * that waits for a batch of acknowledgements sends nothing, mosquitto's next acknowledgements
 * would wait for the client's delayed ACK, some 40 ms.
 */
final class CeilingContender implements Contender {
  private static final int QOS0_BATCH = 100;
  private static final int MAX_PACKET_ID = 65_535;

  @Override
  public Connection connect(BrokerEndpoint broker, String clientId) throws IOException {
    return new Pipelined(RawConnection.open(broker, clientId, RawConnection.BUSY_BUFFER));
  }

  /** Plain sockets, connected and then left alone: no thread, no keep-alive. */
  @Override
  public IdleConnections openIdle(BrokerEndpoint broker, int count) throws IOException {
    List<RawConnection> connections = new ArrayList<>(count);
    try {
      for (int i = 0; i < count; i++) {
        connections.add(
            RawConnection.open(broker, "ceiling-idle-" + i, RawConnection.IDLE_BUFFER));
      }
    } catch (IOException | RuntimeException e) {
      closeAll(connections);
      throw e;
    }
    return () -> closeAll(connections);
  }

  private static void closeAll(List<RawConnection> connections) throws IOException {
    for (RawConnection connection : connections) {
      connection.close();
    }
  }

  /** One raw connection, written and read by the calling thread alone. */
  private record Pipelined(RawConnection connection) implements Connection {

    @Override
    public void publish(String topic, byte[] payload, int qos, int count, int window)
        throws IOException {
      byte[] packet = RawPackets.publish(topic, payload, qos);
      if (qos == 0) {
        publishQos0(packet, count);
      } else {
        new Pipeline(connection, packet, payload.length, window).run(count);
      }
    }

    private void publishQos0(byte[] packet, int count) throws IOException {
      byte[] batch = new byte[packet.length * QOS0_BATCH];
      for (int i = 0; i < QOS0_BATCH; i++) {
        System.arraycopy(packet, 0, batch, i * packet.length, packet.length);
      }
      for (int sent = 0; sent < count; sent += QOS0_BATCH) {
        connection.write(batch, Math.min(QOS0_BATCH, count - sent) * packet.length);
      }
    }

    @Override
    public void timeRoundTrips(String topic, byte[] payload, long[] nanos) throws IOException {
      byte[] packet = RawPackets.publish(topic, payload, 1);
      FrameReader reader = connection.reader();
      for (int i = 0; i < nanos.length; i++) {
        int packetId = i % MAX_PACKET_ID + 1;
        RawPackets.setPacketId(packet, 0, payload.length, packetId);
        long start = System.nanoTime();
        connection.write(packet);
        reader.next();
        nanos[i] = System.nanoTime() - start;
        Pipeline.expect(reader, RawPackets.PUBACK, packetId);
      }
    }

    @Override
    public void disconnect() throws IOException {
      connection.close();
    }
  }

  /**
   * QoS 1 or 2 publishes kept up to {@code window} deep: write what the window allows once a
   * quarter of it is free, read what has come back, again. Packet ids go round 1 to 65,535; the
   * broker acknowledges in order, so no id is reused while in flight.
   */
  private static final class Pipeline {
    private final RawConnection connection;
    private final byte[] packet;
    private final int payloadLength;
    private final int window;
    private final int minimumBatch;
    private final byte[] batch;
    private final int[] releases;
    private int releasesDue;
    private int inFlight;
    private int nextId = 1;

    Pipeline(RawConnection connection, byte[] packet, int payloadLength, int window) {
      this.connection = connection;
      this.packet = packet;
      this.payloadLength = payloadLength;
      this.window = window;
      this.minimumBatch = Math.max(1, window / 4);
      this.batch = new byte[window * (packet.length + 4)];
      this.releases = new int[window];
    }

    void run(int count) throws IOException {
      int sent = 0;
      int done = 0;
      while (done < count) {
        int length = appendReleases(0);
        int room = window - inFlight;
        if (room >= minimumBatch || room >= count - sent) {
          int publishes = Math.min(room, count - sent);
          length = appendPublishes(length, publishes);
          sent += publishes;
        }
        if (length > 0) {
          connection.write(batch, length);
        }
        connection.acknowledgeAtOnce();
        done += readAcknowledgements();
      }
    }

    private int appendReleases(int length) {
      for (int i = 0; i < releasesDue; i++) {
        RawPackets.writePubrel(batch, length, releases[i]);
        length += 4;
      }
      releasesDue = 0;
      return length;
    }

    private int appendPublishes(int length, int publishes) {
      for (int i = 0; i < publishes; i++) {
        System.arraycopy(packet, 0, batch, length, packet.length);
        RawPackets.setPacketId(batch, length, payloadLength, nextId);
        nextId = nextId == MAX_PACKET_ID ? 1 : nextId + 1;
        length += packet.length;
      }
      inFlight += publishes;
      return length;
    }

    /** Blocks for one packet, then takes every other already buffered; returns how many ended. */
    private int readAcknowledgements() throws IOException {
      FrameReader reader = connection.reader();
      reader.next();
      int completed = 0;
      do {
        completed += handle(reader);
      } while (reader.nextIfBuffered());
      return completed;
    }

    private int handle(FrameReader reader) throws IOException {
      int type = reader.type();
      if (type == RawPackets.PUBREC) {
        releases[releasesDue++] = reader.packetId();
        return 0;
      }
      if (type != RawPackets.PUBACK && type != RawPackets.PUBCOMP) {
        throw new IOException("unexpected packet " + Integer.toHexString(type));
      }
      inFlight--;
      return 1;
    }

    static void expect(FrameReader reader, int type, int packetId) throws IOException {
      if (reader.type() != type || reader.packetId() != packetId) {
        throw new IOException("expected packet " + Integer.toHexString(type) + " for id "
            + packetId + ", got " + Integer.toHexString(reader.type()) + " for id "
            + reader.packetId());
      }
    }
  }
}
