package io.mqttloop.tck.proxy;

import io.netty.buffer.ByteBuf;

/**
 * Bytes read from one side and not yet written to the other, with the time (on the event loop's
 * ticker) before which the delay in force when they were read holds them back.
 */
record Chunk(ByteBuf bytes, long dueNanos) {
}
