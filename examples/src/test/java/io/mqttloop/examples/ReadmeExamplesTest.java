package io.mqttloop.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttloop.Outcome;
import io.mqttloop.tck.broker.SharedBroker;
import io.mqttloop.tck.broker.TestBroker;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The README's two examples run as written against a real broker. */
@ExtendWith(SharedBroker.class)
class ReadmeExamplesTest {

  @Test
  void theAsynchronousChainPublishesBothAndDisconnects(TestBroker broker) throws Exception {
    Outcome.Disconnected end = AsyncChain.publishReadingThenStatus(broker.host(), broker.port())
        .toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertTrue(end.state().isEmpty(), "both publishes were acknowledged: " + end.state());
  }

  @Test
  void theSynchronousCallerGetsEveryOrderAcknowledged(TestBroker broker) throws Exception {
    assertTrue(SyncWithTimeouts.publishOrders(broker.host(), broker.port()).isEmpty());
  }
}
