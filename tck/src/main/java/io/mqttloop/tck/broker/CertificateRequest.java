package io.mqttloop.tck.broker;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import javax.security.auth.x500.X500Principal;

/**
 * A PKCS#10 certificate signing request (RFC 2986) for an EC key pair, signed with
 * SHA256withECDSA, in the PEM form that {@code keytool -gencert} reads. Made here rather than by
 * {@code keytool -certreq}, which would need a keytool run of its own, and another before it to
 * put the key in a store, for every certificate.
 */
final class CertificateRequest {
  private static final int SEQUENCE = 0x30;
  private static final int BIT_STRING = 0x03;

  /** The version of the request syntax: v1, encoded as 0. */
  private static final byte[] VERSION = {0x02, 0x01, 0x00};

  /** No attributes: an empty set, tagged [0]. */
  private static final byte[] NO_ATTRIBUTES = {(byte) 0xA0, 0x00};

  /** The algorithm identifier of ecdsa-with-SHA256, OID 1.2.840.10045.4.3.2, without parameters. */
  private static final byte[] ECDSA_WITH_SHA256 = {
      0x30, 0x0A, 0x06, 0x08, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x04, 0x03, 0x02};

  private CertificateRequest() {
  }

  /** Writes a request for the public key of the pair, for this subject, signed by its key. */
  static void write(Path file, KeyPair keys, String distinguishedName) {
    byte[] info = tagged(SEQUENCE, VERSION, new X500Principal(distinguishedName).getEncoded(),
        keys.getPublic().getEncoded(), NO_ATTRIBUTES);
    byte[] signature = tagged(BIT_STRING, new byte[] {0}, sign(info, keys));
    Pem.write(file, "CERTIFICATE REQUEST", tagged(SEQUENCE, info, ECDSA_WITH_SHA256, signature));
  }

  private static byte[] sign(byte[] data, KeyPair keys) {
    try {
      Signature signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(keys.getPrivate());
      signer.update(data);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot sign with SHA256withECDSA", e);
    }
  }

  /** The DER encoding of a value with this tag whose contents are these parts, in order. */
  private static byte[] tagged(int tag, byte[]... parts) {
    ByteArrayOutputStream contents = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      contents.writeBytes(part);
    }
    ByteArrayOutputStream value = new ByteArrayOutputStream();
    value.write(tag);
    writeLength(value, contents.size());
    value.writeBytes(contents.toByteArray());
    return value.toByteArray();
  }

  private static void writeLength(ByteArrayOutputStream out, int length) {
    if (length < 0x80) {
      out.write(length);
    } else if (length <= 0xFF) {
      out.write(0x81);
      out.write(length);
    } else {
      out.write(0x82);
      out.write(length >>> 8);
      out.write(length & 0xFF);
    }
  }
}
