package io.mqttloop.tck.selftest;

import io.mqttloop.MqttOptions;
import io.mqttloop.TlsOptions;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Breaks a secure transport's checks: options whose TLS trusts every certificate and checks no
 * host name, as a transport that "just wants it to work" might.
 */
final class TrustAll {
  private TrustAll() {}

  /** {@code options} with TLS that trusts anything, when they have TLS at all. */
  static MqttOptions in(MqttOptions options) {
    if (options.tls() == null) {
      return options;
    }
    TlsOptions anything = TlsOptions.builder().sslContext(trustingEverything())
        .withoutHostnameVerification().build();
    return options.toBuilder().tls(anything).build();
  }

  private static SSLContext trustingEverything() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new EveryCertificate()}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Accepts every chain, the mistake this breakage makes. */
  private static final class EveryCertificate implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
