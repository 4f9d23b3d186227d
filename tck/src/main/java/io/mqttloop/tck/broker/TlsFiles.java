package io.mqttloop.tck.broker;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The PEM files one end of a TLS connection needs: the certificate of the authority whose
 * certificates it trusts from the other end, the certificate it presents and that certificate's
 * private key, unencrypted, as PKCS#8. A broker's TLS listener takes them as mosquitto's
 * {@code cafile}, {@code certfile} and {@code keyfile}; a client can take them as they are.
 *
 * @param caFile the trusted authority's certificate
 * @param certificateFile the certificate this end presents
 * @param keyFile the private key of that certificate
 */
public record TlsFiles(Path caFile, Path certificateFile, Path keyFile) {

  /**
   * Checks that every file is named; that they exist is checked by whoever reads them.
   *
   * @throws NullPointerException naming the missing file
   */
  public TlsFiles {
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(certificateFile, "certificateFile");
    Objects.requireNonNull(keyFile, "keyFile");
  }
}
