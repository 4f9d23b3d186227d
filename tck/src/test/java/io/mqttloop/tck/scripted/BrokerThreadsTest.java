package io.mqttloop.tck.scripted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BrokerThreadsTest {

  @Test
  void runsOnOneThreadOfItsOwnAndStopsItOnClose() throws InterruptedException {
    Set<Thread> before = Thread.getAllStackTraces().keySet();

    ScriptedBroker broker = ScriptedBroker.start();
    Set<Thread> started = new HashSet<>(Thread.getAllStackTraces().keySet());
    started.removeAll(before);

    assertEquals(1, started.size(), () -> "threads started: " + started);
    Thread loop = started.iterator().next();
    assertTrue(loop.getName().startsWith("scripted-broker-"), loop.getName());

    broker.close();

    loop.join(5_000);
    assertFalse(loop.isAlive(), "the broker's thread outlived close()");
  }

  @Test
  void closesTwiceWithoutHarm() {
    ScriptedBroker broker = ScriptedBroker.start();

    broker.close();
    broker.close();
  }
}
