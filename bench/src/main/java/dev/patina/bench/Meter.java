package dev.patina.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Wall time, process CPU time and peak heap (sampled every 5 ms) of one measured stretch, and
 * the CPU time of another process that shares the machine (the simulators), when given.
 */
final class Meter implements AutoCloseable {
  /** {@code jitSeconds}: the JIT compilers' time over the stretch (all compiler threads, as the JVM counts it). */
  record Reading(double wallSeconds, double cpuSeconds, double peakHeapMiB, double otherCpuSeconds, double jitSeconds) {}

  private final long wall0;
  private final long cpu0;
  private final OperatingSystemMXBean os;
  private final Thread sampler;
  private volatile long peak;
  private volatile boolean stop;
  private final ProcessHandle other;
  private final long otherCpu0;
  private final long jit0 = jitMillis();

  Meter() {
    this(null);
  }

  /** {@code other}: a process whose CPU time over the stretch is read too (null: none). */
  Meter(ProcessHandle other) {
    this.other = other;
    System.gc(); // before the clock starts: a full collection is not part of what is measured
    os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    cpu0 = os.getProcessCpuTime();
    otherCpu0 = otherCpu();
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
    long wall = System.nanoTime() - wall0;
    return new Reading(wall / 1e9, (os.getProcessCpuTime() - cpu0) / 1e9, peak / 1048576.0,
        (otherCpu() - otherCpu0) / 1e9, (jitMillis() - jit0) / 1e3);
  }

  /** Time the JIT compilers have spent so far, in ms (0 when the JVM does not say). */
  static long jitMillis() {
    java.lang.management.CompilationMXBean c = ManagementFactory.getCompilationMXBean();
    return c != null && c.isCompilationTimeMonitoringSupported() ? c.getTotalCompilationTime() : 0;
  }

  /** The other process's CPU time so far in ns (Linux: from /proc, to 10 ms), 0 without one. */
  private long otherCpu() {
    if (other == null) return 0;
    return other.info().totalCpuDuration().map(java.time.Duration::toNanos)
        .orElseThrow(() -> new IllegalStateException("no CPU time for process " + other.pid()));
  }

  @Override
  public void close() {
    stop = true;
  }
}
