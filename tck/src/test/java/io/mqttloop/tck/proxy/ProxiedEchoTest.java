package io.mqttloop.tck.proxy;

import org.junit.jupiter.api.AfterEach;

/** Tests of a fault proxy in front of an echo server, both new for each test and closed after. */
abstract class ProxiedEchoTest {
  final EchoServer echo = EchoServer.echo();
  final FaultProxy proxy = FaultProxy.start(echo.host(), echo.port());

  @AfterEach
  void closeAll() {
    proxy.close();
    echo.close();
  }
}
