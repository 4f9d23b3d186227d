package io.mqttloop.tck.scripted;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Notes the first byte of each packet a client sends, before the decoder sees it. The decoder
 * checks the fixed header flags and keeps only what they mean, so the byte the client actually
 * wrote is read here, from the stream itself.
 *
 * <p>The tap reads each buffer without moving its reader index and passes it on unchanged. It
 * follows the packet boundaries across reads by decoding each remaining length and skipping that
 * many bytes. The decoder emits exactly one message per packet, in order, and stops for good at
 * the first malformed one; so the handler after it takes one noted byte per message and they
 * line up. Once a remaining length runs past four bytes the boundaries are lost: the tap notes
 * nothing more, and the decoder, which fails on the same packet, decodes nothing more either.
 *
 * <p>Confined to the channel's event loop, like the handler that takes the bytes.
 */
final class FirstByteTap extends ChannelInboundHandlerAdapter {
  private static final int MAX_LENGTH_BYTES = 4;

  private final Queue<Integer> firstBytes = new ArrayDeque<>();
  private State state = State.FIRST_BYTE;
  private int remainingLength;
  private int lengthBytes;
  private int multiplier;
  private int bodyLeft;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf bytes) {
      scan(bytes);
    }
    ctx.fireChannelRead(msg);
  }

  /**
   * The first byte of the oldest packet not yet taken, 0 to 255.
   *
   * @throws IllegalStateException when the tap noted no packet the decoder has not matched yet,
   *     which would mean the two disagree on the boundaries
   */
  int takeFirstByte() {
    Integer first = firstBytes.poll();
    if (first == null) {
      throw new IllegalStateException("the decoder produced a packet the first-byte tap missed");
    }
    return first;
  }

  private void scan(ByteBuf bytes) {
    int index = bytes.readerIndex();
    int end = bytes.writerIndex();
    while (index < end && state != State.LOST) {
      switch (state) {
        case FIRST_BYTE -> {
          firstBytes.add(bytes.getByte(index++) & 0xFF);
          startLength();
        }
        case REMAINING_LENGTH -> readLengthByte(bytes.getByte(index++) & 0xFF);
        case BODY -> {
          int skipped = Math.min(bodyLeft, end - index);
          index += skipped;
          bodyLeft -= skipped;
          if (bodyLeft == 0) {
            state = State.FIRST_BYTE;
          }
        }
        default -> throw new IllegalStateException("unexpected tap state " + state);
      }
    }
  }

  private void startLength() {
    state = State.REMAINING_LENGTH;
    remainingLength = 0;
    lengthBytes = 0;
    multiplier = 1;
  }

  private void readLengthByte(int digit) {
    remainingLength += (digit & 0x7F) * multiplier;
    multiplier *= 128;
    lengthBytes++;
    if ((digit & 0x80) == 0) {
      bodyLeft = remainingLength;
      state = bodyLeft == 0 ? State.FIRST_BYTE : State.BODY;
    } else if (lengthBytes == MAX_LENGTH_BYTES) {
      state = State.LOST;
    }
  }

  /** Where in a packet the next byte of the stream falls. */
  private enum State {
    FIRST_BYTE,
    REMAINING_LENGTH,
    BODY,
    /** A remaining length longer than four bytes: no boundary can be trusted after it. */
    LOST
  }
}
