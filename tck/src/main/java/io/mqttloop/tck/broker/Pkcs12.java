package io.mqttloop.tck.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

/** PKCS12 key and trust stores, read and written with the JDK's own provider. */
final class Pkcs12 {
  /** The store type, as {@link KeyStore#getInstance(String)} takes it. */
  static final String TYPE = "PKCS12";

  private Pkcs12() {
  }

  /** The store in this file, opened with this password. */
  static KeyStore load(Path file, char[] password) {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance(TYPE);
      store.load(in, password);
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the store " + file, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot open the store " + file, e);
    }
  }

  /** The certificate stored under this alias. */
  static X509Certificate certificate(KeyStore store, String alias) {
    try {
      return (X509Certificate) store.getCertificate(alias);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no certificate under " + alias, e);
    }
  }

  /** Writes a trust store that holds this certificate, and nothing else, as trusted. */
  static void writeTrustStore(Path file, String alias, X509Certificate trusted, char[] password) {
    write(file, password, store -> store.setCertificateEntry(alias, trusted));
  }

  /** Writes a key store that holds this key with its certificate chain, and nothing else. */
  static void writeKeyStore(Path file, String alias, PrivateKey key, Certificate[] chain,
      char[] password) {
    write(file, password, store -> store.setKeyEntry(alias, key, password, chain));
  }

  private static void write(Path file, char[] password, Entry entry) {
    KeyStore store = empty();
    try {
      entry.addTo(store);
    } catch (KeyStoreException e) {
      throw new IllegalStateException("cannot fill the store " + file, e);
    }
    save(store, file, password);
  }

  private static KeyStore empty() {
    try {
      KeyStore store = KeyStore.getInstance(TYPE);
      store.load(null, null);
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot make a " + TYPE + " store", e);
    }
  }

  private static void save(KeyStore store, Path file, char[] password) {
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the store " + file, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot write the store " + file, e);
    }
  }

  /** What a new store is to hold. */
  private interface Entry {
    void addTo(KeyStore store) throws KeyStoreException;
  }
}
