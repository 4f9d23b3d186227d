package io.mqttloop.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttloop.Outcome;
import io.mqttloop.tck.broker.SharedBroker;
import io.mqttloop.tck.broker.TestBroker;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The quickstart's main job, on a real broker: every message acknowledged and received. */
@ExtendWith(SharedBroker.class)
class QuickstartTest {

  @Test
  void everyMessageIsAcknowledgedAndReceived(TestBroker broker) throws Exception {
    Quickstart.Report report = Quickstart.publish(broker.host(), broker.port(),
        clientId -> broker.awaitReadyFor(clientId, Duration.ofSeconds(10)));

    assertEquals(Quickstart.MESSAGES, report.acknowledged());
    assertEquals(Quickstart.MESSAGES, report.received());
    assertInstanceOf(Outcome.Completed.class, report.outcome());
    assertTrue(report.toString().startsWith("10000 acknowledged, 10000 received, in "),
        report.toString());
  }
}
