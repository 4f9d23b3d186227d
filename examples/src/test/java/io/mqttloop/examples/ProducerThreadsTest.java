package io.mqttloop.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttloop.Outcome;
import io.mqttloop.tck.broker.SharedBroker;
import io.mqttloop.tck.broker.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Producer threads sharing one channel, on a real broker. */
@ExtendWith(SharedBroker.class)
class ProducerThreadsTest {

  @Test
  void everyPublishIsAcknowledgedInTheOrderItsProducerSentIt(TestBroker broker)
      throws Exception {
    ProducerThreads.Report report = ProducerThreads.publish(broker.host(), broker.port());

    assertEquals(ProducerThreads.PRODUCERS * ProducerThreads.PUBLISHES_PER_PRODUCER,
        report.acknowledged(), report.toString());
    assertEquals(ProducerThreads.PRODUCERS, report.producersInOrder(), report.toString());
    assertInstanceOf(Outcome.Completed.class, report.outcome());
    assertTrue(report.outcome().state().isEmpty(), report.outcome().toString());
  }
}
