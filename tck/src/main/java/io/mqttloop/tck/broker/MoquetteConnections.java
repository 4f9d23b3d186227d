package io.mqttloop.tck.broker;

import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptConnectMessage;
import io.moquette.interception.messages.InterceptConnectionLostMessage;
import io.moquette.interception.messages.InterceptDisconnectMessage;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clients Moquette has finished connecting, as its interceptor hears of them.
 *
 * <p>Moquette 0.17 takes a connection for connected only once the CONNACK is written, in a
 * listener its session thread adds after the write; a SUBSCRIBE that arrives first makes it drop
 * the connection. It tells interceptors of a connection only after that point, so a test client
 * that waits for this set to name it can subscribe safely.
 */
final class MoquetteConnections extends AbstractInterceptHandler {
  private static final Logger LOG = LoggerFactory.getLogger(MoquetteConnections.class);

  private final Set<String> clientIds = ConcurrentHashMap.newKeySet();

  @Override
  public String getID() {
    return "mqttloop-tck-connections";
  }

  @Override
  public Class<?>[] getInterceptedMessageTypes() {
    // Publishes are not wanted: Moquette would copy each one for this handler.
    return new Class<?>[] {InterceptConnectMessage.class, InterceptDisconnectMessage.class,
        InterceptConnectionLostMessage.class};
  }

  @Override
  public void onConnect(InterceptConnectMessage message) {
    clientIds.add(message.getClientID());
  }

  @Override
  public void onDisconnect(InterceptDisconnectMessage message) {
    clientIds.remove(message.getClientID());
  }

  @Override
  public void onConnectionLost(InterceptConnectionLostMessage message) {
    clientIds.remove(message.getClientID());
  }

  @Override
  public void onSessionLoopError(Throwable error) {
    LOG.warn("a session thread of the embedded Moquette broker failed", error);
  }

  /** Whether Moquette has finished connecting this client and not yet seen it go. */
  boolean isConnected(String clientId) {
    return clientIds.contains(clientId);
  }
}
