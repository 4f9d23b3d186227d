package io.mqttloop.tck.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FallbackNoticeTest {

  @Test
  void isGivenOnceHoweverOftenItIsAskedFor() {
    List<String> told = new ArrayList<>();
    FallbackNotice notice = new FallbackNotice(told::add);

    notice.give("first");
    notice.give("second");

    assertEquals(List.of("first"), told);
  }
}
