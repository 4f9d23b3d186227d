package io.mqttloop.tck.broker;

import java.io.IOException;
import java.util.function.BiFunction;

/** Starts the programs the test brokers and certificates need: mosquitto and its tools, keytool. */
final class Subprocess {

  private Subprocess() {
  }

  /**
   * Starts the program with its standard input closed, so that one that would wait for input
   * fails at once instead.
   *
   * @param failure makes the exception to throw when the program cannot be run, from a message
   *     naming it and the cause
   */
  static Process startWithoutInput(ProcessBuilder builder,
      BiFunction<String, IOException, ? extends RuntimeException> failure) {
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      return process;
    } catch (IOException e) {
      throw failure.apply("cannot run " + builder.command().get(0), e);
    }
  }
}
