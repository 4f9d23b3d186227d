package io.mqttloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebSocketOptionsTest {

  @Test
  void theDefaultPathIsMqttWithNoHeader() {
    WebSocketOptions webSocket = WebSocketOptions.defaults();

    assertEquals("/mqtt", webSocket.path());
    assertEquals(Map.of(), webSocket.headers());
  }

  @Test
  void headersKeepTheirOrderAndToStringHidesTheirValues() {
    WebSocketOptions webSocket = WebSocketOptions.builder().path("/ws?tenant=7")
        .header("Authorization", "Bearer secret-token").header("X-Trace", "1").build();

    assertEquals("/ws?tenant=7", webSocket.path());
    assertEquals(List.of("Authorization", "X-Trace"), List.copyOf(webSocket.headers().keySet()));
    assertFalse(webSocket.toString().contains("secret-token"), webSocket.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "mqtt", "/with space", "/tab\there", "/mqtt\u00e9"})
  void aPathNotStartingWithASlashOrHoldingSpacesIsRefused(String path) {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> WebSocketOptions.builder().path(path));

    assertEquals("path must start with '/' and hold only visible ASCII (percent-encode the"
        + " rest), was '" + path + "'", refused.getMessage());
  }

  @Test
  void aPathThatIsNoUriPathIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> WebSocketOptions.builder().path("/a%zz"));
    assertEquals("path must not hold a fragment ('#'), was '/mqtt#top'", assertThrows(
        IllegalArgumentException.class,
        () -> WebSocketOptions.builder().path("/mqtt#top")).getMessage());
  }

  @Test
  void aHeaderGivenAgainInAnotherCaseReplacesTheFirst() {
    WebSocketOptions webSocket = WebSocketOptions.builder().header("Authorization", "a")
        .header("authorization", "b").build();

    assertEquals(Map.of("authorization", "b"), webSocket.headers());
  }

  @Test
  void aHeaderValueOutsideVisibleAsciiIsRefused() {
    assertEquals("header X-N must hold only visible ASCII, spaces and tabs", assertThrows(
        IllegalArgumentException.class,
        () -> WebSocketOptions.builder().header("X-N", "a\u0000b")).getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> WebSocketOptions.builder().header("X-N", "\u00e9"));
  }

  @Test
  void aHeaderThatWouldSplitTheRequestIsRefused() {
    assertEquals("header name must be an HTTP token, was 'Bad Name'", assertThrows(
        IllegalArgumentException.class,
        () -> WebSocketOptions.builder().header("Bad Name", "v")).getMessage());
    assertEquals("header X-Evil must not hold a line break", assertThrows(
        IllegalArgumentException.class,
        () -> WebSocketOptions.builder().header("X-Evil", "a\r\nHost: elsewhere")).getMessage());
  }
}
