package io.mqttloop;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * How an event loop connects and how much it keeps in flight. Immutable; made with
 * {@link #builder()}, which checks every field and names the one it refuses.
 */
public final class MqttOptions {
  private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofDays(1);
  private static final Duration MIN_ACK_TIMEOUT = Duration.ofMillis(1);
  private static final Duration MAX_ACK_TIMEOUT = Duration.ofDays(1);
  /** The largest packet MQTT 3.1.1 can frame: 1 byte of type, 4 of length, 268,435,455 more. */
  private static final int MAX_PACKET_SIZE = 268_435_460;

  private final List<Broker> brokers;
  private final String clientId;
  private final @Nullable Credentials credentials;
  private final int keepAliveSeconds;
  private final boolean cleanSession;
  private final int maxInflight;
  private final Duration connectTimeout;
  private final @Nullable Will will;
  private final boolean manualAcknowledgement;
  private final int maxPacketSize;
  private final int maxBufferedMessages;
  private final ReconnectPolicy reconnect;
  private final LifecycleListener lifecycleListener;
  private final @Nullable Duration ackTimeout;
  private final @Nullable Executor completionExecutor;
  private final @Nullable TlsOptions tls;
  private final @Nullable WebSocketOptions webSocket;

  private MqttOptions(Builder builder) {
    this.brokers = builder.brokers;
    this.clientId = builder.clientId;
    this.credentials = builder.credentials;
    this.keepAliveSeconds = builder.keepAliveSeconds;
    this.cleanSession = builder.cleanSession;
    this.maxInflight = builder.maxInflight;
    this.connectTimeout = builder.connectTimeout;
    this.will = builder.will;
    this.manualAcknowledgement = builder.manualAcknowledgement;
    this.maxPacketSize = builder.maxPacketSize;
    this.maxBufferedMessages = builder.maxBufferedMessages;
    this.reconnect = builder.reconnect;
    this.lifecycleListener = builder.lifecycleListener;
    this.ackTimeout = builder.ackTimeout;
    this.completionExecutor = builder.completionExecutor;
    this.tls = builder.tls;
    this.webSocket = builder.webSocket;
  }

  /**
   * A builder with the defaults: localhost:1883, an empty client id, a clean session, a 60 s
   * keep-alive, 20 in flight, a 10 s connect timeout, no will, automatic acknowledgement,
   * MQTT's largest packet size, 64 buffered incoming messages, no reconnection, no listener, no
   * acknowledgement timeout, stages completed on the loop's thread, and plain TCP: no TLS, no
   * WebSocket.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options, to change some of them. */
  public Builder toBuilder() {
    return new Builder()
        .brokers(brokers)
        .clientId(clientId)
        .credentials(credentials)
        .keepAliveSeconds(keepAliveSeconds)
        .cleanSession(cleanSession)
        .maxInflight(maxInflight)
        .connectTimeout(connectTimeout)
        .will(will)
        .manualAcknowledgement(manualAcknowledgement)
        .maxPacketSize(maxPacketSize)
        .maxBufferedMessages(maxBufferedMessages)
        .reconnect(reconnect)
        .lifecycleListener(lifecycleListener)
        .ackTimeout(ackTimeout)
        .completionExecutor(completionExecutor)
        .tls(tls)
        .webSocket(webSocket);
  }

  /** The first broker's host name or address. */
  public String host() {
    return brokers.get(0).host();
  }

  /** The first broker's port. */
  public int port() {
    return brokers.get(0).port();
  }

  /**
   * The brokers to connect to, the first first; a reconnect attempt tries the next in turn, and
   * after the last, the first again.
   */
  public List<Broker> brokers() {
    return brokers;
  }

  /** When and how often the loop reconnects; never, by default. */
  public ReconnectPolicy reconnect() {
    return reconnect;
  }

  /** Who hears of the connection's changes; nobody, by default. */
  public LifecycleListener lifecycleListener() {
    return lifecycleListener;
  }

  /** The client id sent in CONNECT; empty means the broker assigns one (clean session only). */
  public String clientId() {
    return clientId;
  }

  /** The credentials sent in CONNECT, or null to send none. */
  public @Nullable Credentials credentials() {
    return credentials;
  }

  /** The keep-alive interval sent in CONNECT, in seconds; 0 turns keep-alive off. */
  public int keepAliveSeconds() {
    return keepAliveSeconds;
  }

  /** Whether the broker starts a new session at connect and discards it at disconnect. */
  public boolean cleanSession() {
    return cleanSession;
  }

  /**
   * The most requests sent and not yet acknowledged at any time: QoS 1 and 2 publishes,
   * subscribes and unsubscribes. MQTT 3.1.1 lets a broker limit how many QoS 2 publishes it
   * takes at once without telling the client: mosquitto, for one, answers PUBREC beyond its
   * {@code max_inflight_messages} (20 by default) and drops the message. Raise it beyond 20 only
   * for a broker known to take more; QoS 1 gains most from a larger window.
   */
  public int maxInflight() {
    return maxInflight;
  }

  /** The longest the whole connect may take: TCP, CONNECT and CONNACK. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** The will sent in CONNECT, or null for none. */
  public @Nullable Will will() {
    return will;
  }

  /**
   * Whether the application acknowledges each incoming QoS 1 and 2 message itself, with
   * {@link Message#acknowledge()}, instead of the loop acknowledging it once handed over.
   */
  public boolean manualAcknowledgement() {
    return manualAcknowledgement;
  }

  /**
   * The largest packet the loop sends or accepts, in bytes, fixed header included. A publish that
   * would be larger fails its stage before it is sent; a larger incoming packet is a protocol
   * error that closes the connection.
   */
  public int maxPacketSize() {
    return maxPacketSize;
  }

  /**
   * How many incoming messages the loop holds for an application that has not asked for them yet
   * before it stops reading from the broker, which then holds the rest. The read that fills the
   * buffer is decoded whole, so the buffer can pass this by what one read brings (at most about
   * 64 KiB of packets); memory stays bounded either way.
   */
  public int maxBufferedMessages() {
    return maxBufferedMessages;
  }

  /**
   * How long the broker has to acknowledge a request once the loop took it from the source, unless
   * the request names its own ({@link Publish.Builder#ackTimeout}); null for no limit. See
   * {@link MqttAckTimeoutException} for what a timeout does and does not do.
   */
  public @Nullable Duration ackTimeout() {
    return ackTimeout;
  }

  /**
   * Where the stages the loop completes (of requests, runs, commands and the connect) complete and
   * run their callbacks; null for the loop's own thread. See {@link Builder#completionExecutor}.
   */
  public @Nullable Executor completionExecutor() {
    return completionExecutor;
  }

  /** How the connection is secured with TLS; null for none. */
  public @Nullable TlsOptions tls() {
    return tls;
  }

  /** How MQTT is carried over WebSocket; null to speak it straight over the connection. */
  public @Nullable WebSocketOptions webSocket() {
    return webSocket;
  }

  @Override
  public String toString() {
    return "MqttOptions[brokers=" + brokers + ", clientId=" + Utf8Field.shown(clientId)
        + ", credentials=" + credentials + ", keepAliveSeconds=" + keepAliveSeconds
        + ", cleanSession=" + cleanSession + ", maxInflight=" + maxInflight
        + ", connectTimeout=" + connectTimeout + ", will=" + will + ", manualAcknowledgement="
        + manualAcknowledgement + ", maxPacketSize=" + maxPacketSize + ", maxBufferedMessages="
        + maxBufferedMessages + ", reconnect=" + reconnect + ", ackTimeout=" + ackTimeout
        + ", completionExecutor=" + (completionExecutor == null ? "the loop's thread" : "given")
        + ", tls=" + tls + ", webSocket=" + webSocket + "]";
  }

  /** Builds {@link MqttOptions}; each setter checks its own field. */
  public static final class Builder {
    private List<Broker> brokers = List.of(new Broker("localhost", 1883));
    private String clientId = "";
    private @Nullable Credentials credentials;
    private int keepAliveSeconds = 60;
    private boolean cleanSession = true;
    private int maxInflight = 20;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private @Nullable Will will;
    private boolean manualAcknowledgement;
    private int maxPacketSize = MAX_PACKET_SIZE;
    private int maxBufferedMessages = 64;
    private ReconnectPolicy reconnect = ReconnectPolicy.never();
    private LifecycleListener lifecycleListener = LifecycleListener.NONE;
    private @Nullable Duration ackTimeout;
    private @Nullable Executor completionExecutor;
    private @Nullable TlsOptions tls;
    private @Nullable WebSocketOptions webSocket;

    private Builder() {}

    /**
     * The broker to connect to.
     *
     * @throws IllegalArgumentException when the host is blank or the port is outside 1..65535
     */
    public Builder broker(String host, int port) {
      this.brokers = List.of(new Broker(host, port));
      return this;
    }

    /**
     * Several brokers: the first is tried first, and each reconnect attempt tries the next.
     *
     * @throws IllegalArgumentException when the list is empty
     */
    public Builder brokers(List<Broker> brokers) {
      Objects.requireNonNull(brokers, "brokers");
      for (Broker broker : brokers) {
        Objects.requireNonNull(broker, () -> "brokers must not hold null, was " + brokers);
      }
      List<Broker> copy = List.copyOf(brokers);
      if (copy.isEmpty()) {
        throw new IllegalArgumentException("brokers must name at least one broker");
      }
      this.brokers = copy;
      return this;
    }

    /** When and how often to reconnect. */
    public Builder reconnect(ReconnectPolicy reconnect) {
      this.reconnect = Objects.requireNonNull(reconnect, "reconnect");
      return this;
    }

    /** Who hears of the connection's changes, on the loop's thread. */
    public Builder lifecycleListener(LifecycleListener lifecycleListener) {
      this.lifecycleListener = Objects.requireNonNull(lifecycleListener, "lifecycleListener");
      return this;
    }

    /**
     * The client id; empty asks the broker to assign one, which needs a clean session.
     *
     * @throws IllegalArgumentException when it is not a valid MQTT UTF-8 string
     */
    public Builder clientId(String clientId) {
      Utf8Field.check("clientId", Objects.requireNonNull(clientId, "clientId"));
      this.clientId = clientId;
      return this;
    }

    /** The credentials to send, or null to send none. */
    public Builder credentials(@Nullable Credentials credentials) {
      this.credentials = credentials;
      return this;
    }

    /**
     * The keep-alive interval in seconds; 0 turns it off.
     *
     * @throws IllegalArgumentException when outside 0..65535
     */
    public Builder keepAliveSeconds(int keepAliveSeconds) {
      if (keepAliveSeconds < 0 || keepAliveSeconds > 65_535) {
        throw new IllegalArgumentException("keepAliveSeconds must be within 0..65535, was "
            + keepAliveSeconds);
      }
      this.keepAliveSeconds = keepAliveSeconds;
      return this;
    }

    /** Whether the session is clean: started afresh at connect, discarded at disconnect. */
    public Builder cleanSession(boolean cleanSession) {
      this.cleanSession = cleanSession;
      return this;
    }

    /**
     * The most QoS 1 and 2 publishes in flight at once.
     *
     * @throws IllegalArgumentException when outside 1..65535
     */
    public Builder maxInflight(int maxInflight) {
      if (maxInflight < 1 || maxInflight > 65_535) {
        throw new IllegalArgumentException("maxInflight must be within 1..65535, was "
            + maxInflight);
      }
      this.maxInflight = maxInflight;
      return this;
    }

    /**
     * The longest the whole connect may take.
     *
     * @throws IllegalArgumentException when not positive, or longer than a day
     */
    public Builder connectTimeout(Duration connectTimeout) {
      Objects.requireNonNull(connectTimeout, "connectTimeout");
      if (connectTimeout.isNegative() || connectTimeout.isZero()
          || connectTimeout.compareTo(MAX_CONNECT_TIMEOUT) > 0) {
        throw new IllegalArgumentException("connectTimeout must be positive and at most "
            + MAX_CONNECT_TIMEOUT + ", was " + connectTimeout);
      }
      this.connectTimeout = connectTimeout;
      return this;
    }

    /** The will to send in CONNECT, or null for none. */
    public Builder will(@Nullable Will will) {
      this.will = will;
      return this;
    }

    /** Whether the application acknowledges incoming QoS 1 and 2 messages itself. */
    public Builder manualAcknowledgement(boolean manualAcknowledgement) {
      this.manualAcknowledgement = manualAcknowledgement;
      return this;
    }

    /**
     * The largest packet sent or accepted, in bytes.
     *
     * @throws IllegalArgumentException when smaller than 16 or larger than MQTT's 268,435,460
     */
    public Builder maxPacketSize(int maxPacketSize) {
      if (maxPacketSize < 16 || maxPacketSize > MAX_PACKET_SIZE) {
        throw new IllegalArgumentException("maxPacketSize must be within 16.." + MAX_PACKET_SIZE
            + ", was " + maxPacketSize);
      }
      this.maxPacketSize = maxPacketSize;
      return this;
    }

    /**
     * How many incoming messages to hold for the application before reading stops.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder maxBufferedMessages(int maxBufferedMessages) {
      if (maxBufferedMessages < 1) {
        throw new IllegalArgumentException("maxBufferedMessages must be positive, was "
            + maxBufferedMessages);
      }
      this.maxBufferedMessages = maxBufferedMessages;
      return this;
    }

    /**
     * How long the broker has to acknowledge each request, counted from when the loop takes it
     * from the source; null, the default, for no limit. A request past it has its stage failed
     * with {@link MqttAckTimeoutException}: withdrawn if it was not sent yet, else left in the
     * session until acknowledged.
     *
     * @throws IllegalArgumentException when shorter than a millisecond, or longer than a day
     */
    public Builder ackTimeout(@Nullable Duration ackTimeout) {
      this.ackTimeout = ackTimeout == null ? null : checkedAckTimeout(ackTimeout);
      return this;
    }

    /**
     * An executor of the caller's on which the stages the loop completes complete and run their
     * callbacks, so that a slow callback holds up none of the loop's work; null, the default, for
     * the loop's own thread, which is cheaper. The loop hands it one task per stage, in the order
     * it settles them: an executor that runs tasks one at a time in order (a single thread) keeps
     * that order, a pool does not. An executor that refuses a task has that stage completed on the
     * loop's thread; one that accepts a task must run it, or that stage never completes (an
     * executor shut down with {@code shutdownNow}, or discarding tasks, strands them). The loop
     * never shuts it down.
     */
    public Builder completionExecutor(@Nullable Executor completionExecutor) {
      this.completionExecutor = completionExecutor;
      return this;
    }

    /**
     * Secures the connection with TLS as {@code tls} says; null, the default, for plain TCP. The
     * handshake counts in the connect timeout.
     */
    public Builder tls(@Nullable TlsOptions tls) {
      this.tls = tls;
      return this;
    }

    /**
     * Carries MQTT over WebSocket as {@code webSocket} says ({@code ws://}, or {@code wss://}
     * with {@link #tls}); null, the default, to speak MQTT straight over the connection. The
     * upgrade counts in the connect timeout.
     */
    public Builder webSocket(@Nullable WebSocketOptions webSocket) {
      this.webSocket = webSocket;
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException when the client id is empty and the session is not clean
     *     (MQTT-3.1.3-7)
     */
    public MqttOptions build() {
      if (clientId.isEmpty() && !cleanSession) {
        throw new IllegalArgumentException("clientId must not be empty when cleanSession is"
            + " false: the broker could not find the session again");
      }
      return new MqttOptions(this);
    }
  }

  /**
   * Checks an acknowledgement timeout, the options' or a request's.
   *
   * @throws IllegalArgumentException when not positive, or longer than a day
   */
  static Duration checkedAckTimeout(Duration ackTimeout) {
    if (ackTimeout.compareTo(MIN_ACK_TIMEOUT) < 0 || ackTimeout.compareTo(MAX_ACK_TIMEOUT) > 0) {
      throw new IllegalArgumentException("ackTimeout must be within " + MIN_ACK_TIMEOUT + ".."
          + MAX_ACK_TIMEOUT + ", was " + ackTimeout);
    }
    return ackTimeout;
  }
}
