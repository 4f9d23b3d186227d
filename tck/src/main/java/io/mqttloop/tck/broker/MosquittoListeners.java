package io.mqttloop.tck.broker;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The listeners a {@link MosquittoBroker} serves besides its plain MQTT one, each on a free port
 * of its own. Change them through the {@code with} methods of {@link MosquittoConfig}.
 *
 * <p>The TLS listener binds 127.0.0.1 only, like the plain one. Mosquitto 2.0.11 binds its
 * WebSocket listeners to every interface, whatever its configuration says, so while a broker with
 * one runs, other machines can reach it.
 *
 * @param tls the files of the MQTT over TLS listener, or null for no such listener
 * @param webSockets whether there is a plain WebSocket listener, serving MQTT at any path
 * @param secureWebSockets the files of the WebSocket over TLS listener, or null for none
 * @param clientCertificatesRequired whether the TLS listeners refuse a client that presents no
 *     certificate signed by the authority of their {@link TlsFiles#caFile()}
 */
public record MosquittoListeners(@Nullable TlsFiles tls, boolean webSockets,
    @Nullable TlsFiles secureWebSockets, boolean clientCertificatesRequired) {

  /**
   * Checks that client certificates are required only where there is a TLS listener.
   *
   * @throws IllegalArgumentException when they are required but there is no TLS listener
   */
  public MosquittoListeners {
    if (clientCertificatesRequired && !hasTls(tls, secureWebSockets)) {
      throw new IllegalArgumentException("clientCertificatesRequired needs a TLS listener:"
          + " configure one first with withTls or withSecureWebSockets");
    }
  }

  /** No listener besides the plain MQTT one. */
  public static MosquittoListeners none() {
    return new MosquittoListeners(null, false, null, false);
  }

  /** Whether a listener needs TLS files: MQTT over TLS, WebSocket over TLS, or both. */
  public boolean hasTls() {
    return hasTls(tls, secureWebSockets);
  }

  MosquittoListeners withTls(TlsFiles files) {
    Objects.requireNonNull(files, "tls");
    return new MosquittoListeners(files, webSockets, secureWebSockets,
        clientCertificatesRequired);
  }

  MosquittoListeners withWebSockets() {
    return new MosquittoListeners(tls, true, secureWebSockets, clientCertificatesRequired);
  }

  MosquittoListeners withSecureWebSockets(TlsFiles files) {
    Objects.requireNonNull(files, "secureWebSockets");
    return new MosquittoListeners(tls, webSockets, files, clientCertificatesRequired);
  }

  MosquittoListeners withClientCertificatesRequired() {
    return new MosquittoListeners(tls, webSockets, secureWebSockets, true);
  }

  private static boolean hasTls(@Nullable TlsFiles tls, @Nullable TlsFiles secureWebSockets) {
    return tls != null || secureWebSockets != null;
  }
}
