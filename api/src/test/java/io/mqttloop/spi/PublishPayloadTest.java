package io.mqttloop.spi;

import static org.junit.jupiter.api.Assertions.assertSame;

import io.mqttloop.Publish;
import io.mqttloop.QoS;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A transport reads the caller's own payload array, neither copied nor wrapped. */
class PublishPayloadTest {

  @Test
  void theArrayIsTheOneThePublishWasMadeWith() {
    byte[] payload = "21.5".getBytes(StandardCharsets.UTF_8);

    assertSame(payload, PublishPayload.arrayOf(Publish.of("t", payload, QoS.AT_LEAST_ONCE)));
    assertSame(payload,
        PublishPayload.arrayOf(Publish.builder("t").payload(payload).retain(true).build()));
  }
}
