package io.mqttloop.spi;

import io.mqttloop.Publish;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The payload array of a {@link Publish}, for a transport that writes it as it is: without the
 * copy, or the read-only view, that {@link Publish#payload()} hands applications. The array is the
 * caller's own, never copied: a transport reads it and never changes it.
 */
public final class PublishPayload {
  private static final VarHandle PAYLOAD = payloadField();

  private PublishPayload() {}

  /** The array {@code publish} was made with; read it, never change it. */
  public static byte[] arrayOf(Publish publish) {
    return (byte[]) PAYLOAD.get(publish);
  }

  private static VarHandle payloadField() {
    try {
      return MethodHandles.privateLookupIn(Publish.class, MethodHandles.lookup())
          .findVarHandle(Publish.class, "payload", byte[].class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
