package io.mqttloop.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttloop.Command;
import io.mqttloop.Connected;
import io.mqttloop.LifecycleEvent;
import io.mqttloop.MqttConnectTimeoutException;
import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import io.mqttloop.ReconnectPolicy;
import io.mqttloop.TlsHandshakeException;
import io.mqttloop.TlsHandshakeException.Reason;
import io.mqttloop.TlsOptions;
import io.mqttloop.WebSocketOptions;
import io.mqttloop.tck.broker.Brokers;
import io.mqttloop.tck.broker.MosquittoBroker;
import io.mqttloop.tck.broker.MosquittoConfig;
import io.mqttloop.tck.broker.TestCertificates;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS handshakes that fail, against mosquitto and against a server that never answers: each
 * fails the connect with a typed error naming the broker, within the connect timeout, and leaves
 * no channel open and no thread but the executor's behind (see {@link FailingConnect}). Skipped
 * where mosquitto is not installed.
 *
 */
class TlsHandshakeFailureTest {
  private static final TestCertificates CERTIFICATES = TestCertificates.shared();
  private static final List<MosquittoBroker> STARTED = new ArrayList<>();
  private static MosquittoBroker broker;
  private static MosquittoBroker otherHostBroker;
  private static MosquittoBroker mutualBroker;
  private static MosquittoBroker expiredBroker;

  /**
   * Brokers presenting the right certificate, another host's and an expired one, and one asking
   * for the client's.
   */
  @BeforeAll
  static void startFourBrokers() {
    MosquittoConfig config = MosquittoConfig.defaults();
    broker = started(config.withTls(CERTIFICATES).withSecureWebSockets(CERTIFICATES));
    otherHostBroker = started(config.withTls(CERTIFICATES.otherHostServer()));
    expiredBroker = started(config.withTls(CERTIFICATES.expiredServer()));
    mutualBroker = started(config.withTls(CERTIFICATES).withClientCertificatesRequired());
  }

  @AfterAll
  static void stopThem() {
    STARTED.forEach(MosquittoBroker::close);
  }

  @Test
  void aBrokerCertificateOfAnUntrustedAuthorityIsRefusedAsUntrusted() throws Exception {
    TlsOptions trustingAnother = TlsOptions.builder()
        .trustPem(CERTIFICATES.untrustedCaCertificate()).build();

    Throwable failure = FailingConnect.failureOf(
        options(broker.tlsPort()).tls(trustingAnother).build());

    assertRefused(failure, broker.tlsPort(), Reason.UNTRUSTED_CERTIFICATE);
  }

  @Test
  void overSecureWebSocketsAnUntrustedCertificateIsRefusedAsUntrustedToo() throws Exception {
    TlsOptions trustingAnother = TlsOptions.builder()
        .trustPem(CERTIFICATES.untrustedCaCertificate()).build();

    Throwable failure = FailingConnect.failureOf(options(broker.secureWebSocketPort())
        .tls(trustingAnother).webSocket(WebSocketOptions.defaults()).build());

    assertRefused(failure, broker.secureWebSocketPort(), Reason.UNTRUSTED_CERTIFICATE);
  }

  @Test
  void anExpiredBrokerCertificateIsRefusedAsExpired() throws Exception {
    Throwable failure = FailingConnect.failureOf(
        options(expiredBroker.tlsPort()).tls(trustingTheTestAuthority().build()).build());

    assertRefused(failure, expiredBroker.tlsPort(), Reason.EXPIRED_CERTIFICATE);
  }

  @Test
  void aCertificateForAnotherHostIsRefusedAsAHostNameMismatch() throws Exception {
    Throwable failure = FailingConnect.failureOf(
        options(otherHostBroker.tlsPort()).tls(trustingTheTestAuthority().build()).build());

    assertRefused(failure, otherHostBroker.tlsPort(), Reason.HOST_NAME_MISMATCH);
  }

  @Test
  void aCertificateForAnotherHostIsAcceptedWithoutHostnameVerification() throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      MqttEventLoop loop = NettyMqtt.factory().create(options(otherHostBroker.tlsPort())
          .tls(trustingTheTestAuthority().withoutHostnameVerification().build()).build(),
          executor);

      Connected connected = loop.connect().toCompletableFuture().get(10, TimeUnit.SECONDS);

      assertEquals(otherHostBroker.tlsPort(), connected.port());
      loop.execute(Command.disconnect()).toCompletableFuture().get(10, TimeUnit.SECONDS);
    } finally {
      executor.shutdownNow();
    }
  }

  /**
   * Under TLS 1.3 the broker refuses only after the client's side of the handshake is done, with
   * the alert the JDK reports as "certificate_required".
   */
  @Test
  void aBrokerRequiringAClientCertificateRefusesALoopWithoutOne() throws Exception {
    Throwable failure = FailingConnect.failureOf(
        options(mutualBroker.tlsPort()).tls(trustingTheTestAuthority().build()).build());

    assertRefused(failure, mutualBroker.tlsPort(), Reason.CLIENT_CERTIFICATE_REFUSED);
    assertTrue(failure.getMessage().contains("127.0.0.1:" + mutualBroker.tlsPort()),
        failure.getMessage());
  }

  @Test
  void aServerThatNeverAnswersTheHelloTimesOutWaitingForTheHandshake() throws Exception {
    try (ServerSocket silent = ScriptedServers.silent()) {
      Duration timeout = Duration.ofSeconds(1);
      FailingConnect connect = FailingConnect.start(options(silent.getLocalPort())
          .tls(trustingTheTestAuthority().build()).connectTimeout(timeout).build());

      Throwable failure = connect.failure(timeout.plusSeconds(2));

      MqttConnectTimeoutException timedOut =
          assertInstanceOf(MqttConnectTimeoutException.class, failure);
      assertTrue(timedOut.getMessage().contains("waiting for the TLS handshake"),
          timedOut.getMessage());
      assertTrue(connect.elapsed().compareTo(timeout.plusMillis(500)) < 0,
          "failed after " + connect.elapsed());
      ScriptedServers.assertClosedByTheClient(silent);
    }
  }

  @Test
  void aFailedHandshakeCountsAsAFailedAttemptOfTheReconnectPolicy() throws Exception {
    List<LifecycleEvent> events = new CopyOnWriteArrayList<>();
    MqttOptions options = options(otherHostBroker.tlsPort())
        .tls(trustingTheTestAuthority().build())
        .reconnect(ReconnectPolicy.always().withDelays(Duration.ofMillis(10),
            Duration.ofMillis(10)).withMaxAttempts(2))
        .lifecycleListener(events::add).build();

    Throwable failure = FailingConnect.failureOf(options);

    assertRefused(failure, otherHostBroker.tlsPort(), Reason.HOST_NAME_MISMATCH);
    LifecycleEvent.GaveUp gaveUp = events.stream().filter(LifecycleEvent.GaveUp.class::isInstance)
        .map(LifecycleEvent.GaveUp.class::cast).findFirst().orElseThrow();
    assertEquals(2, gaveUp.attempts());
    assertRefused(gaveUp.cause(), otherHostBroker.tlsPort(), Reason.HOST_NAME_MISMATCH);
  }

  private static MosquittoBroker started(MosquittoConfig config) {
    MosquittoBroker started = Brokers.mosquittoWith(config);
    STARTED.add(started);
    return started;
  }

  private static MqttOptions.Builder options(int port) {
    return MqttOptions.builder().broker("127.0.0.1", port).clientId("tls-failure");
  }

  private static TlsOptions.Builder trustingTheTestAuthority() {
    return TlsOptions.builder().trustStore(CERTIFICATES.trustStore(),
        CERTIFICATES.storePassword().toCharArray());
  }

  private static void assertRefused(Throwable failure, int port, Reason reason) {
    TlsHandshakeException refused = assertInstanceOf(TlsHandshakeException.class, failure);
    assertEquals(reason, refused.reason(), refused.getMessage());
    assertEquals("127.0.0.1", refused.host());
    assertEquals(port, refused.port());
  }
}
