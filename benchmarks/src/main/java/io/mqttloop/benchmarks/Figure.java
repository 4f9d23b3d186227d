package io.mqttloop.benchmarks;

/** One measured value of a metric. */
record Figure(Metric metric, double value) {
}
