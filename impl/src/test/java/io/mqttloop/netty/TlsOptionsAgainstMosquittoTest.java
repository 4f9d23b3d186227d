package io.mqttloop.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mqttloop.Command;
import io.mqttloop.MqttEventLoop;
import io.mqttloop.MqttOptions;
import io.mqttloop.TlsOptions;
import io.mqttloop.tck.broker.Brokers;
import io.mqttloop.tck.broker.MosquittoBroker;
import io.mqttloop.tck.broker.MosquittoConfig;
import io.mqttloop.tck.broker.TestCertificates;
import io.netty.handler.ssl.SslHandler;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the TLS options set on the connection: the server name sent (SNI) and checked, the
 * protocols and the application protocols offered. Skipped where mosquitto is not installed.
 */
class TlsOptionsAgainstMosquittoTest {
  private static final TestCertificates CERTIFICATES = TestCertificates.shared();
  private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool();
  private static MosquittoBroker broker;
  private static MosquittoBroker otherHostBroker;

  @BeforeAll
  static void startMosquittoForLocalhostAndForAnotherHost() {
    broker = Brokers.mosquittoWith(MosquittoConfig.defaults().withTls(CERTIFICATES));
    otherHostBroker = Brokers.mosquittoWith(
        MosquittoConfig.defaults().withTls(CERTIFICATES.otherHostServer()));
  }

  @AfterAll
  static void stop() {
    Stream.of(broker, otherHostBroker).filter(Objects::nonNull).forEach(MosquittoBroker::close);
    EXECUTOR.shutdownNow();
  }

  @Test
  void aHostNameIsSentAsTheServerName() throws Exception {
    SSLEngine engine = connectedEngine("localhost", broker.tlsPort(), trusting().build());

    assertEquals(List.of(new SNIHostName("localhost")), serverNames(engine));
  }

  @Test
  void anAddressIsNotSentAsTheServerName() throws Exception {
    SSLEngine engine = connectedEngine("127.0.0.1", broker.tlsPort(), trusting().build());

    assertEquals(List.of(), serverNames(engine));
  }

  /** Hostname verification stays on: the certificate names other.example, and only that. */
  @Test
  void theServerNameOfTheOptionsIsSentAndChecked() throws Exception {
    SSLEngine engine = connectedEngine("127.0.0.1", otherHostBroker.tlsPort(),
        trusting().serverName("other.example").build());

    assertEquals(List.of(new SNIHostName("other.example")), serverNames(engine));
    assertEquals("HTTPS", engine.getSSLParameters().getEndpointIdentificationAlgorithm());
  }

  @Test
  void theProtocolsAndApplicationProtocolsOfTheOptionsAreOffered() throws Exception {
    SSLEngine engine = connectedEngine("127.0.0.1", broker.tlsPort(),
        trusting().protocols("TLSv1.2").alpnProtocols("mqtt", "x-mqtt").build());

    assertEquals("TLSv1.2", engine.getSession().getProtocol());
    assertArrayEquals(new String[] {"mqtt", "x-mqtt"},
        engine.getSSLParameters().getApplicationProtocols());
  }

  private static TlsOptions.Builder trusting() {
    return TlsOptions.builder().trustPem(CERTIFICATES.caCertificate());
  }

  /** Connects to {@code host:port} and returns the engine the connection used, once closed. */
  private static SSLEngine connectedEngine(String host, int port, TlsOptions tls)
      throws Exception {
    AtomicReference<SSLEngine> engine = new AtomicReference<>();
    MqttEventLoop loop = NettyMqtt.factory()
        .withPipeline(pipeline -> engine.set(pipeline.get(SslHandler.class).engine()))
        .create(MqttOptions.builder().broker(host, port).tls(tls).build(), EXECUTOR);

    loop.connect().toCompletableFuture().get(10, TimeUnit.SECONDS);
    SSLEngine used = engine.get();
    loop.execute(Command.disconnect()).toCompletableFuture().get(10, TimeUnit.SECONDS);
    return used;
  }

  private static List<SNIServerName> serverNames(SSLEngine engine) {
    List<SNIServerName> names = engine.getSSLParameters().getServerNames();
    return names == null ? List.of() : names;
  }
}
