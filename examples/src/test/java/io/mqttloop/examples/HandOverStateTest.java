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

/** A state saved to a file by one loop and finished by the next, on a real broker. */
@ExtendWith(SharedBroker.class)
class HandOverStateTest {

  @Test
  void everyMessageArrivesThoughTheLoopStoppedMidway(TestBroker broker) throws Exception {
    HandOverState.Report report = HandOverState.handOver(broker.host(), broker.port(),
        clientId -> broker.awaitReadyFor(clientId, Duration.ofSeconds(10)));

    assertEquals(HandOverState.MESSAGES, report.distinctReceived(), report.toString());
    assertTrue(report.ackedBeforeHandOver() >= HandOverState.SHUT_DOWN_AFTER_ACKS
        && report.ackedBeforeHandOver() < HandOverState.MESSAGES, report.toString());
    assertTrue(report.pendingInSavedState() > 0, "the shutdown left work: " + report);
    assertEquals(HandOverState.MESSAGES,
        report.ackedBeforeHandOver() + report.ackedAfterHandOver(),
        "each publish acknowledged once, by one loop or the other: " + report);
    assertInstanceOf(Outcome.Completed.class, report.secondRun());
    assertTrue(report.secondRun().state().isEmpty(), report.secondRun().toString());
  }
}
