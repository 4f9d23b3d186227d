package io.mqttloop.netty;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.mqttloop.Command;
import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import io.mqttloop.Outcome;
import io.mqttloop.Sources;
import io.mqttloop.TlsOptions;
import io.mqttloop.WebSocketOptions;
import io.mqttloop.tck.NumberedPublishes;
import io.mqttloop.tck.broker.Brokers;
import io.mqttloop.tck.broker.MosquittoBroker;
import io.mqttloop.tck.broker.MosquittoConfig;
import io.mqttloop.tck.broker.TestCertificates;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A whole session over TLS with a client certificate, straight or under WebSocket (connect, the
 * handshakes, 3,000 publishes across the three QoS, disconnect), starts no thread but those of
 * the caller's executor and leaves none behind: what the TLS engine hands off runs on the loop's
 * thread. Mosquitto runs before the census starts. Skipped where it is not installed.
 */
class NoThreadOfItsOwnOverTlsTest {
  private static final TestCertificates CERTIFICATES = TestCertificates.shared();
  private static MosquittoBroker mutualBroker;

  @BeforeAll
  static void startMosquittoAskingForClientCertificates() {
    mutualBroker = Brokers.mosquittoWith(MosquittoConfig.defaults().withTls(CERTIFICATES)
        .withSecureWebSockets(CERTIFICATES).withClientCertificatesRequired());
  }

  @AfterAll
  static void stopMosquitto() {
    if (mutualBroker != null) {
      mutualBroker.close();
    }
  }

  @ParameterizedTest(name = "under WebSocket: {0}")
  @ValueSource(booleans = {false, true})
  void aWholeSessionStartsNoThreadButTheExecutors(boolean underWebSocket) throws Exception {
    MqttOptions options = options(underWebSocket);
    ThreadCensus census = ThreadCensus.take();
    try {
      runSession(NettyMqtt.factory().create(options, census.executor()));

      census.assertOnlyTheExecutorStartedThreads();
    } finally {
      census.end();
    }
  }

  private static MqttOptions options(boolean underWebSocket) {
    char[] password = CERTIFICATES.storePassword().toCharArray();
    TlsOptions tls = TlsOptions.builder().trustStore(CERTIFICATES.trustStore(), password)
        .keyStore(CERTIFICATES.clientKeyStore(), password).build();
    MqttOptions.Builder options = MqttOptions.builder().tls(tls).clientId("no-thread-tls");
    if (underWebSocket) {
      return options.broker("127.0.0.1", mutualBroker.secureWebSocketPort())
          .webSocket(WebSocketOptions.defaults()).build();
    }
    return options.broker("127.0.0.1", mutualBroker.tlsPort()).build();
  }

  private static void runSession(MqttEventLoop loop) throws Exception {
    loop.connect().toCompletableFuture().get(10, TimeUnit.SECONDS);

    Outcome outcome = loop.run(Sources.from(NumberedPublishes.ofEveryQos(3_000)))
        .toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertInstanceOf(Outcome.Completed.class, outcome);
    loop.execute(Command.disconnect()).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
