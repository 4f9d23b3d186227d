package io.mqttloop.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.mqttloop.Command;
import io.mqttloop.Connected;
import io.mqttloop.Message;
import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import io.mqttloop.Outcome;
import io.mqttloop.Publish;
import io.mqttloop.QoS;
import io.mqttloop.Request;
import io.mqttloop.Sources;
import io.mqttloop.Subscribe;
import io.mqttloop.TlsOptions;
import io.mqttloop.WebSocketOptions;
import io.mqttloop.tck.NumberedPublishes;
import io.mqttloop.tck.RecordingSubscriber;
import io.mqttloop.tck.broker.Brokers;
import io.mqttloop.tck.broker.MosquittoBroker;
import io.mqttloop.tck.broker.MosquittoConfig;
import io.mqttloop.tck.broker.TestCertificates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MQTT over TLS, {@code ws://} and {@code wss://}, and over TLS and {@code wss://} with a client
 * certificate, against mosquitto: a loop subscribes, publishes at every QoS and receives each
 * message back, in order. Skipped where mosquitto is not installed.
 */
class TransportsAgainstMosquittoTest {
  private static final int PER_QOS = 100;
  private static final int LARGE = 40_000;
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private static final TestCertificates CERTIFICATES = TestCertificates.shared();
  private static MosquittoBroker broker;
  private static MosquittoBroker mutualBroker;
  private static ExecutorService executor;

  /**
   * How a loop reaches mosquitto: over TLS, WebSocket or both, presenting the client certificate
   * when {@code mutual}, to the broker that asks for it.
   */
  record Route(String name, boolean secure, boolean webSocket, boolean mutual) {
    /** The broker serving this route, which serves plain MQTT too. */
    MosquittoBroker broker() {
      return mutual ? mutualBroker : broker;
    }

    int port() {
      if (!webSocket) {
        return broker().tlsPort();
      }
      return secure ? broker().secureWebSocketPort() : broker().webSocketPort();
    }

    MqttOptions options() {
      MqttOptions.Builder options = MqttOptions.builder().broker("127.0.0.1", port())
          .clientId("transports-" + token());
      if (secure) {
        options.tls(tls());
      }
      if (webSocket) {
        options.webSocket(WebSocketOptions.defaults());
      }
      return options.build();
    }

    /** The name in letters only, for client ids and topics. */
    String token() {
      return name.replaceAll("\\W", "");
    }

    @Override
    public String toString() {
      return name;
    }

    private TlsOptions tls() {
      TlsOptions.Builder tls = TlsOptions.builder().trustPem(CERTIFICATES.caCertificate());
      if (mutual) {
        tls.keyStore(CERTIFICATES.clientKeyStore(), CERTIFICATES.storePassword().toCharArray());
      }
      return tls.build();
    }
  }

  static Stream<Route> routes() {
    return Stream.of(new Route("TLS", true, false, false),
        new Route("ws://", false, true, false),
        new Route("wss://", true, true, false),
        new Route("mutual TLS", true, false, true),
        new Route("mutual wss://", true, true, true));
  }

  @BeforeAll
  static void startMosquittoWithAndWithoutClientCertificates() {
    broker = Brokers.mosquittoWith(MosquittoConfig.defaults().withTls(CERTIFICATES)
        .withWebSockets().withSecureWebSockets(CERTIFICATES));
    mutualBroker = Brokers.mosquittoWith(MosquittoConfig.defaults().withTls(CERTIFICATES)
        .withSecureWebSockets(CERTIFICATES).withClientCertificatesRequired());
    executor = Executors.newCachedThreadPool();
  }

  @AfterAll
  static void stop() {
    Stream.of(broker, mutualBroker).filter(Objects::nonNull).forEach(MosquittoBroker::close);
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void publishesAtEveryQosAndReceivesThemBackInOrder(Route route) throws Exception {
    String topic = "mqttloop/transports/" + route.token();
    List<Publish> sent = new ArrayList<>();
    for (QoS qos : QoS.values()) {
      sent.addAll(NumberedPublishes.of(PER_QOS, qos, topic));
    }

    List<Message> received = publishAndReceive(route, topic, sent);

    assertEquals(sent.size(), received.size(), "messages received over " + route);
    for (int i = 0; i < sent.size(); i++) {
      Message message = received.get(i);
      assertEquals(sent.get(i).qos(), message.qos(), "QoS of message " + i);
      assertEquals(i % PER_QOS, NumberedPublishes.numberOf(message.payloadBytes()),
          "number of message " + i);
    }
  }

  /**
   * Packets larger than a TLS record, a TCP segment and the frames the broker sends cross whole,
   * both ways: one that a publisher over plain TCP sends, and one the loop sends itself. They are
   * no larger because mosquitto moves a WebSocket client's bytes a few kilobytes each 100 ms.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void largePacketsCrossWholeBothWays(Route route) throws Exception {
    String topic = "mqttloop/transports/large/" + route.token();
    Publish fromTcp = Publish.of(topic, filled(LARGE, 'i'), QoS.AT_LEAST_ONCE);
    MqttOptions overTcp = MqttOptions.builder().broker("127.0.0.1", route.broker().port())
        .clientId("tcp-publisher-" + route.token()).build();
    MqttEventLoop publisher = NettyMqtt.factory().create(overTcp, executor);
    publisher.connect().toCompletableFuture().get(10, TimeUnit.SECONDS);
    Publish fromLoop = Publish.of(topic, filled(LARGE, 'o'), QoS.AT_LEAST_ONCE);

    List<Message> received = publishAndReceive(route, topic, List.of(fromLoop),
        List.of(new Publishing(publisher, List.of(fromTcp))));

    assertEquals(2, received.size());
    assertEquals(fromTcp.payload(), received.get(0).payload(), "the packet the loop read");
    assertEquals(fromLoop.payload(), received.get(1).payload(), "the packet the loop wrote");
    publisher.execute(Command.disconnect()).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static List<Message> publishAndReceive(Route route, String topic, List<Publish> sent)
      throws Exception {
    return publishAndReceive(route, topic, sent, List.of());
  }

  /**
   * Connects over {@code route} and subscribes to {@code topic}; runs each of {@code others}
   * (publishes of another loop), then publishes {@code sent}. Returns the messages received once
   * there are as many as were sent in all.
   */
  private static List<Message> publishAndReceive(Route route, String topic, List<Publish> sent,
      List<Publishing> others) throws Exception {
    MqttEventLoop loop = NettyMqtt.factory().create(route.options(), executor);
    RecordingSubscriber messages = RecordingSubscriber.takingAll();
    loop.messages().subscribe(messages);
    Connected connected = loop.connect().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(route.port(), connected.port());
    runToCompletion(loop, List.of(Subscribe.to(topic, QoS.EXACTLY_ONCE)));
    for (Publishing other : others) {
      runToCompletion(other.loop(), other.publishes());
    }

    runToCompletion(loop, sent);

    int expected = sent.size() + others.stream().mapToInt(other -> other.publishes().size()).sum();
    List<Message> received = messages.awaitCount(expected, TIMEOUT);
    loop.execute(Command.disconnect()).toCompletableFuture().get(10, TimeUnit.SECONDS);
    return received;
  }

  private static void runToCompletion(MqttEventLoop loop, List<? extends Request> requests)
      throws Exception {
    Outcome outcome = loop.run(Sources.from(requests)).toCompletableFuture()
        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertInstanceOf(Outcome.Completed.class, outcome);
  }

  private static byte[] filled(int size, char with) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) with);
    return bytes;
  }

  /** Publishes that another loop, connected already, sends. */
  private record Publishing(MqttEventLoop loop, List<Publish> publishes) { }
}
