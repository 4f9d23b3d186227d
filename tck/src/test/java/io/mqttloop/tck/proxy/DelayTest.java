package io.mqttloop.tck.proxy;

import static io.mqttloop.tck.proxy.EchoClient.randomBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DelayTest extends ProxiedEchoTest {
  @Test
  void aDelayedRoundTripTakesAtLeastTheDelay() {
    try (EchoClient client = EchoClient.connect(proxy)) {
      client.roundTrip(new byte[] {0});
      proxy.delay(Duration.ofMillis(200));

      long start = System.nanoTime();
      client.roundTrip(new byte[] {1});
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

      assertTrue(elapsed.compareTo(Duration.ofMillis(200)) >= 0, "round trip took " + elapsed);
    }
  }

  @Test
  void delayedBytesKeepTheirOrder() {
    byte[] data = randomBytes(2 * 1024 * 1024);

    try (EchoClient client = EchoClient.connect(proxy)) {
      proxy.delay(Duration.ofMillis(5));
      CompletableFuture<Void> sending = client.sendInBackground(data);

      byte[] back = client.receive(data.length);

      assertArrayEquals(data, back);
      sending.join();
    }
  }

  @Test
  void refusesANegativeDelay() {
    assertThrows(IllegalArgumentException.class, () -> proxy.delay(Duration.ofMillis(-1)));
  }
}
