package io.mqttloop.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttloop.tck.broker.SharedBroker;
import io.mqttloop.tck.broker.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Pause, throttle, reconnect and disconnect sent to a running loop, on a real broker. */
@ExtendWith(SharedBroker.class)
class SteerWhileRunningTest {

  @Test
  void pauseHoldsEverythingBackThrottlePacesAndNothingIsLost(TestBroker broker)
      throws Exception {
    SteerWhileRunning.Report report = SteerWhileRunning.steer(broker.host(), broker.port());

    assertEquals(0, report.ackedWhilePaused(), report.toString());
    assertTrue(report.waitingWhilePaused() > 1_000,
        "the pause came with thousands still to send: " + report);
    double throttle = SteerWhileRunning.THROTTLE_PER_SECOND;
    assertEquals(throttle, report.throttledPerSecond(), throttle * 0.15, report.toString());
    assertTrue(report.unthrottledPerSecond() > 2 * throttle,
        "lifting the throttle lifts the cap: " + report);
    assertEquals(SteerWhileRunning.TOTAL, report.acknowledged(), report.toString());
  }
}
