package dev.patina.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Wall time, process CPU time and peak heap (sampled every 5 ms) of one measured stretch. */
final class Meter implements AutoCloseable {
  record Reading(double wallSeconds, double cpuSeconds, double peakHeapMiB) {}

  private final long wall0;
  private final long cpu0;
  private final OperatingSystemMXBean os;
  private final Thread sampler;
  private volatile long peak;
  private volatile boolean stop;

  Meter() {
    System.gc(); // before the clock starts: a full collection is not part of what is measured
    os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    cpu0 = os.getProcessCpuTime();
    wall0 = System.nanoTime();
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    sampler = Thread.ofPlatform().daemon().start(() -> {
      while (!stop) {
        peak = Math.max(peak, mem.getHeapMemoryUsage().getUsed());
        java.util.concurrent.locks.LockSupport.parkNanos(5_000_000L);
      }
    });
  }

  Reading read() {
    return new Reading((System.nanoTime() - wall0) / 1e9, (os.getProcessCpuTime() - cpu0) / 1e9, peak / 1048576.0);
  }

  @Override
  public void close() {
    stop = true;
  }
}
