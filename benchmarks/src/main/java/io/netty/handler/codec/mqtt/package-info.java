/**
 * A door into Netty's MQTT codec for the benchmarks, which run on the class path, where this
 * package may be split between Netty's jar and this module.
 */
package io.netty.handler.codec.mqtt;
