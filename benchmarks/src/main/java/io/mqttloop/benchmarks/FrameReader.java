package io.mqttloop.benchmarks;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits what a broker sends into MQTT packets, reading into one buffer and copying nothing: the
 * current packet is {@link #type()}, with its packet id, if any, in {@link #packetId()}.
 */
final class FrameReader {
  private final InputStream in;
  private byte[] buffer;
  private int start;
  private int end;
  private int frameStart;
  private int bodyStart;

  /** A reader with a buffer of {@code bufferSize} bytes to start with, grown for large packets. */
  FrameReader(InputStream in, int bufferSize) {
    this.in = in;
    this.buffer = new byte[bufferSize];
  }

  /** Reads until a whole packet is buffered and makes it the current one; blocks as needed. */
  void next() throws IOException {
    while (!hasFrame()) {
      fill();
    }
    take();
  }

  /** Makes the next buffered packet current and returns true, or returns false at once. */
  boolean nextIfBuffered() {
    if (!hasFrame()) {
      return false;
    }
    take();
    return true;
  }

  /** The packet type and flags: the first byte of the current packet. */
  int type() {
    return buffer[frameStart] & 0xFF;
  }

  /** The first two bytes after the fixed header of the current packet. */
  int packetId() {
    return (buffer[bodyStart] & 0xFF) << 8 | buffer[bodyStart + 1] & 0xFF;
  }

  /** The first byte after the fixed header of the current packet. */
  int firstBodyByte() {
    return buffer[bodyStart] & 0xFF;
  }

  private void take() {
    frameStart = start;
    bodyStart = start + headerLength();
    start += RawPackets.packetLength(buffer, start);
  }

  private boolean hasFrame() {
    if (end - start < 2 || !lengthComplete()) {
      return false;
    }
    return end - start >= RawPackets.packetLength(buffer, start);
  }

  private boolean lengthComplete() {
    for (int at = start + 1; at < end && at < start + 5; at++) {
      if ((buffer[at] & 0x80) == 0) {
        return true;
      }
    }
    return false;
  }

  private int headerLength() {
    int at = start + 1;
    while ((buffer[at] & 0x80) != 0) {
      at++;
    }
    return at - start + 1;
  }

  private void fill() throws IOException {
    if (start > 0) {
      System.arraycopy(buffer, start, buffer, 0, end - start);
      end -= start;
      start = 0;
    }
    if (end == buffer.length) {
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
    int read = in.read(buffer, end, buffer.length - end);
    if (read < 0) {
      throw new EOFException("the broker closed the connection");
    }
    end += read;
  }
}
