package dev.patina.collector.netconf;

import java.time.Duration;

/** When a wait must end, and what was being waited for (for the timeout message). */
record Deadline(long atNanos, Duration limit, String waitingFor) {
  static Deadline in(Duration limit, String waitingFor) {
    return new Deadline(System.nanoTime() + limit.toNanos(), limit, waitingFor);
  }

  long remainingNanos() {
    return atNanos - System.nanoTime();
  }
}
