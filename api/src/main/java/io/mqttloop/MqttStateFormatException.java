package io.mqttloop;

import java.io.IOException;

/**
 * The bytes handed to {@link MqttState#readFrom(java.io.InputStream)} are not a state this
 * mqttloop can read. The message names what is wrong and where; {@link #reason()} tells the kinds
 * apart, so that an application can, say, keep a file a newer mqttloop wrote and set a damaged
 * one aside.
 *
 * <p>Unlike the rest of mqttloop's exceptions this one is checked, an {@link IOException} like
 * the JDK's {@link java.util.zip.ZipException} and {@link java.io.StreamCorruptedException}: it
 * comes from reading a stream, synchronously, in the same {@code try} block that opens the file,
 * and a damaged file is the failure persisted state meets most often. As an {@code IOException},
 * the compiler makes every caller handle it, and a {@code catch (IOException e)} written for the
 * file covers it too.
 */
public final class MqttStateFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final Reason reason;

  MqttStateFormatException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  MqttStateFormatException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** What kind of problem the bytes have. */
  public Reason reason() {
    return reason;
  }

  /** The kinds of bytes that are not a readable state. */
  public enum Reason {
    /**
     * They do not start with the magic number: they are something other than a state, or a state
     * damaged in its first bytes.
     */
    NOT_A_STATE,
    /** A newer mqttloop wrote them, in a format version this one does not know. */
    NEWER_VERSION,
    /** The input ends before the state does. */
    TRUNCATED,
    /**
     * They are damaged: the CRC32 does not match, or a length, a count, a request type or the
     * format version holds a value no writer produces.
     */
    CORRUPT,
    /**
     * They are intact, as the CRC32 shows, but hold a value the API refuses, such as a QoS of 3,
     * a packet id of 0 or a topic with a wildcard: the writer was not a correct one.
     */
    INVALID
  }
}
