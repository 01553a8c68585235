package dev.patina.sim;

import java.io.InterruptedIOException;
import java.util.Objects;

/** A device's current fault; a fault's delay (a slow reply, a pause) ends early when the fault is changed. */
final class Faults {
  private volatile Fault current = Fault.none();

  Fault get() {
    return current;
  }

  synchronized void set(Fault fault) {
    current = Objects.requireNonNull(fault, "fault");
    notifyAll();
  }

  /** Waits {@code time} while {@code fault} is the current one (another fault ends the wait). */
  synchronized void delay(Fault fault, java.time.Duration time) throws InterruptedIOException {
    long deadline = System.nanoTime() + time.toNanos();
    try {
      while (current == fault) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        wait(Math.max(1, left / 1_000_000));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while delaying output");
    }
  }
}
