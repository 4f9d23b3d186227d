package io.mqttloop.benchmarks;

/**
 * One MQTT client in the comparison, behind the few operations the scenarios need. Each
 * implementation uses its client the way that client's own documentation suggests for the job.
 */
interface Contender extends AutoCloseable {

  /** Opens one connection with a clean session, ready to publish. */
  Connection connect(BrokerEndpoint broker, String clientId) throws Exception;

  /**
   * Opens {@code count} connections that then sit idle, each with a clean session, sharing what
   * the client lets them share.
   */
  IdleConnections openIdle(BrokerEndpoint broker, int count) throws Exception;

  /** The most idle connections this client is asked to hold; see each implementation. */
  default int maxIdle() {
    return Integer.MAX_VALUE;
  }

  /** Releases what the contender holds across connections, such as its threads. */
  @Override
  default void close() throws Exception {
  }

  /** One connected client. */
  interface Connection {

    /**
     * Publishes {@code count} messages with at most {@code window} unacknowledged at any time, and
     * returns once every one is complete: acknowledged at QoS 1 and 2, handed to the socket at
     * QoS 0.
     */
    void publish(String topic, byte[] payload, int qos, int count, int window) throws Exception;

    /**
     * Publishes QoS 1 messages one at a time from the calling thread, each once the last is
     * acknowledged, and writes the nanoseconds from each publish call until its acknowledgement
     * is seen by that thread into {@code nanos}, one per element.
     */
    void timeRoundTrips(String topic, byte[] payload, long[] nanos) throws Exception;

    /** Disconnects cleanly and releases what the connection held. */
    void disconnect() throws Exception;
  }

  /** Connections held open and idle until closed. */
  interface IdleConnections extends AutoCloseable {

    /** Disconnects them all and releases what they shared. */
    @Override
    void close() throws Exception;
  }
}
