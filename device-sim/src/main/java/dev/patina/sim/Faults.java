package dev.patina.sim;

import java.io.InterruptedIOException;
import java.util.Objects;

/** A device's current fault; a slow reply's delay ends early when the fault is changed. */
final class Faults {
  private volatile Fault current = Fault.none();

  Fault get() {
    return current;
  }

  synchronized void set(Fault fault) {
    current = Objects.requireNonNull(fault, "fault");
    notifyAll();
  }

  /** Waits out {@code slow}'s delay, or until another fault is set. */
  synchronized void delay(Fault.Slow slow) throws InterruptedIOException {
    long deadline = System.nanoTime() + slow.perReply().toNanos();
    try {
      while (current == slow) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        wait(Math.max(1, left / 1_000_000));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while delaying a reply");
    }
  }
}
