package io.mqttloop.tck.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MosquittoConfigTest {

  @Test
  void defaultsAllowAnonymousClients() {
    MosquittoConfig defaults = MosquittoConfig.defaults();

    assertTrue(defaults.allowsAnonymous());
    assertEquals(20, defaults.maxInflightMessages());
    assertEquals(Duration.ofSeconds(10), defaults.startupTimeout());
  }

  @Test
  void addingAUserKeepsTheOthersAndRefusesAnonymousClients() {
    MosquittoConfig config = MosquittoConfig.defaults().withUser("alice", "a").withUser("bob", "b");

    assertEquals(Map.of("alice", "a", "bob", "b"), config.users());
    assertFalse(config.allowsAnonymous());
  }

  @Test
  void neverShowsAPasswordInToString() {
    String shown = MosquittoConfig.defaults().withUser("alice", "s3cret").toString();

    assertTrue(shown.contains("alice"), shown);
    assertFalse(shown.contains("s3cret"), shown);
  }

  @Test
  void refusesAUserNameThePasswordFileCannotHold() {
    IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
        () -> MosquittoConfig.defaults().withUser("ali:ce", "pw"));

    assertTrue(failure.getMessage().startsWith("user name must be"), failure.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> MosquittoConfig.defaults().withUser("", "pw"));
    assertThrows(IllegalArgumentException.class,
        () -> MosquittoConfig.defaults().withUser("alice", "two\nlines"));
  }

  @Test
  void refusesANegativeWindowAndANonPositiveTimeout() {
    assertThrows(IllegalArgumentException.class,
        () -> MosquittoConfig.defaults().withMaxInflightMessages(-1));
    assertThrows(IllegalArgumentException.class,
        () -> MosquittoConfig.defaults().withStartupTimeout(Duration.ZERO));
  }
}
