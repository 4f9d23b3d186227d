package io.mqttloop.spi;

/**
 * The copy {@link LoopStage#toCompletableFuture()} returns, and every stage that depends on a
 * loop's stage: anyone may complete it, and it is guarded as the loop's stage is.
 */
final class GuardedCopy<T> extends GuardedStage<T> {}
