package io.mqttloop.benchmarks;

/** A client in the comparison under the name the table gives it. */
record Entrant(String name, Contender client) {

  /** Opens one connection of the client, with a client id made from its name. */
  Contender.Connection connect(Workbench bench, String purpose) throws Exception {
    return client.connect(bench.broker(), bench.fresh(name + "-" + purpose));
  }
}
