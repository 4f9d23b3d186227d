package io.mqttloop.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * What the JVM's threads spent between two moments: the CPU time of each Java thread and the heap
 * it allocated, from the JVM's per-thread counters, and the CPU time of the whole process, which
 * adds the garbage collector's and the JIT compiler's threads.
 *
 * <p>A thread is counted from the first snapshot, or from its start when it started later. A
 * thread that ends between the two snapshots is not counted at all: the clients measured here
 * keep their threads while connected, so none of theirs is lost.
 */
final class ThreadClock {
  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private final com.sun.management.OperatingSystemMXBean system =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  ThreadClock() {
    threads.setThreadCpuTimeEnabled(true);
    threads.setThreadAllocatedMemoryEnabled(true);
  }

  /** The counters of every live thread, and of the process, now. */
  Snapshot snapshot() {
    long[] ids = threads.getAllThreadIds();
    long[] cpu = threads.getThreadCpuTime(ids);
    long[] allocated = threads.getThreadAllocatedBytes(ids);
    Map<Long, long[]> byThread = new HashMap<>();
    for (int i = 0; i < ids.length; i++) {
      if (cpu[i] >= 0 && allocated[i] >= 0) {
        byThread.put(ids[i], new long[] {cpu[i], allocated[i]});
      }
    }
    return new Snapshot(byThread, system.getProcessCpuTime());
  }

  /** What was spent since {@code before}. */
  Usage since(Snapshot before) {
    Snapshot after = snapshot();
    long cpu = 0;
    long allocated = 0;
    for (Map.Entry<Long, long[]> thread : after.byThread().entrySet()) {
      long[] start = before.byThread().getOrDefault(thread.getKey(), new long[2]);
      cpu += thread.getValue()[0] - start[0];
      allocated += thread.getValue()[1] - start[1];
    }
    return new Usage(cpu, after.processCpuNanos() - before.processCpuNanos(), allocated);
  }

  /** Per thread id, its CPU nanoseconds and allocated bytes so far; and the process's CPU. */
  record Snapshot(Map<Long, long[]> byThread, long processCpuNanos) {
  }

  /** CPU nanoseconds of the Java threads and of the process, and bytes allocated. */
  record Usage(long threadCpuNanos, long processCpuNanos, long allocatedBytes) {
  }
}
