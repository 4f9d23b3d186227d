package io.mqttloop.tck.proxy;

import static io.mqttloop.tck.proxy.EchoClient.TIMEOUT;
import static io.mqttloop.tck.proxy.EchoClient.randomBytes;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ThrottleTest extends ProxiedEchoTest {
  @Test
  void aHundredKilobytesAtFiftyKilobytesASecondTakeAtLeastASecondAndAHalf() {
    byte[] data = randomBytes(100_000);

    try (EchoClient client = EchoClient.connect(proxy)) {
      proxy.throttle(50_000);

      long start = System.nanoTime();
      byte[] back = client.roundTrip(data);
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

      assertArrayEquals(data, back);
      assertTrue(elapsed.compareTo(Duration.ofMillis(1_500)) >= 0, "transfer took " + elapsed);
    }
  }

  @Test
  void unthrottleLetsTheRestThroughAtFullSpeed() {
    // At 10 kB/s this would take well over a minute; unthrottled it takes milliseconds.
    byte[] data = randomBytes(1024 * 1024);

    try (EchoClient client = EchoClient.connect(proxy)) {
      proxy.throttle(10_000);
      CompletableFuture<Void> sending = client.sendInBackground(data);
      await().atMost(TIMEOUT).until(() -> proxy.bytesToClient() > 0);

      proxy.unthrottle();

      byte[] back = assertTimeoutPreemptively(TIMEOUT, () -> client.receive(data.length));
      assertArrayEquals(data, back);
      sending.join();
    }
  }

  @Test
  void refusesARateOfZero() {
    assertThrows(IllegalArgumentException.class, () -> proxy.throttle(0));
  }
}
