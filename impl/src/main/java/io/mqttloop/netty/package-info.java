/**
 * The Netty event loop of mqttloop. Start with {@link io.mqttloop.netty.NettyMqtt#factory()}.
 *
 * <p>References are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package io.mqttloop.netty;

import org.jspecify.annotations.NullMarked;
