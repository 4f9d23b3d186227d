package io.mqttloop.tck.scripted;

import java.util.function.Predicate;

/**
 * How the scripted broker answers each topic filter of a client's SUBSCRIBE: the return code it
 * puts in the SUBACK for that filter. Implementations must be thread-safe and quick: the broker's
 * event loop calls them for every filter of every SUBSCRIBE.
 *
 * <p>The scripts below compose: {@code grantAsRequested().refusing("a/#").grantingAtMost(1)}
 * refuses {@code a/#} and grants every other filter its requested QoS, capped at 1.
 */
@FunctionalInterface
public interface SubackScript {

  /** The SUBACK return code MQTT 3.1.1 defines for a refused subscription. */
  int FAILURE = 0x80;

  /**
   * The return code for one topic filter: the granted QoS 0 to 2, or {@link #FAILURE}. Any other
   * value from 0 to 255 is sent as it is, for a test of a client facing an unknown code
   * (MQTT-3.9.3-2); a value outside that range makes the broker close the connection instead of
   * answering.
   *
   * @param filter the topic filter as the client sent it
   * @param requestedQos the QoS the client asked for, 0 to 2
   */
  int returnCode(String filter, int requestedQos);

  /** Grants every filter the QoS the client asked for: the broker's default. */
  static SubackScript grantAsRequested() {
    return (filter, requestedQos) -> requestedQos;
  }

  /**
   * Refuses the filters that match with {@link #FAILURE} and answers the others as this script
   * does.
   */
  default SubackScript refusing(Predicate<? super String> filters) {
    return (filter, requestedQos) ->
        filters.test(filter) ? FAILURE : returnCode(filter, requestedQos);
  }

  /**
   * Refuses exactly {@code refused} (compared as a string, not matched as a filter) with
   * {@link #FAILURE} and answers the other filters as this script does.
   */
  default SubackScript refusing(String refused) {
    return refusing(refused::equals);
  }

  /**
   * Answers as this script does, but grants no QoS above {@code maxQos}; refusals and codes
   * outside 0 to 2 stay as they are.
   *
   * @throws IllegalArgumentException when {@code maxQos} is not 0 to 2
   */
  default SubackScript grantingAtMost(int maxQos) {
    if (maxQos < 0 || maxQos > 2) {
      throw new IllegalArgumentException("maxQos must be 0, 1 or 2, was " + maxQos);
    }
    return (filter, requestedQos) -> {
      int code = returnCode(filter, requestedQos);
      return code >= 0 && code <= 2 ? Math.min(code, maxQos) : code;
    };
  }
}
