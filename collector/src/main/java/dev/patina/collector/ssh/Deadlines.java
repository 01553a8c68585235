package dev.patina.collector.ssh;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Wakes the waiters of {@link OutputPump}s whose deadline has passed, so that a session's long
 * waits (a prompt, the quiet that shows a hidden pager, a command's silence limit) arm no timer
 * of their own. A virtual thread's timed wait goes through the JDK's delay scheduler: a
 * registration and a cancellation, and most often a wake-up of the scheduler's thread, for each
 * wait. A run of 1,000 devices waits about 7 times a device, nearly always ended by output long
 * before its deadline. Here a wait costs an entry in a set; one daemon thread looks at the set
 * every {@link #TICK_NANOS} while it is not empty and sleeps, untimed, while it is.
 *
 * <p>A deadline is met up to one tick late. {@link OutputPump} sends only waits of at least
 * {@link #MIN_NANOS} here; shorter ones (the 40 ms a prompt must stay quiet) keep an exact timer.
 */
final class Deadlines {
  /** How often the thread looks at the waiters while there are any: 10 ms. */
  static final long TICK_NANOS = 10_000_000L;
  /** The shortest wait sent here (shorter ones time themselves): 100 ms, so at most 10 % late. */
  static final long MIN_NANOS = 100_000_000L;

  private static final Set<OutputPump> WAITING = ConcurrentHashMap.newKeySet();
  /** Set by the thread just before it parks with nothing to watch; read by every {@link #watch}. */
  private static volatile boolean sleeping;
  private static final Thread THREAD = Thread.ofPlatform().daemon().name("patina-deadlines").start(Deadlines::run);

  private Deadlines() {}

  /** {@code pump}'s waiter is to be woken at its {@link OutputPump#wakeAt()}. */
  static void watch(OutputPump pump) {
    WAITING.add(pump);
    if (sleeping) LockSupport.unpark(THREAD); // after the add: either the thread sees the pump, or we see it asleep
  }

  static void unwatch(OutputPump pump) {
    WAITING.remove(pump);
  }

  private static void run() {
    while (true) {
      if (WAITING.isEmpty()) {
        sleeping = true;
        if (WAITING.isEmpty()) LockSupport.park(); // a watch() after the flag unparks us
        sleeping = false;
        continue;
      }
      LockSupport.parkNanos(TICK_NANOS);
      long now = System.nanoTime();
      for (OutputPump pump : WAITING) {
        if (pump.wakeAt() - now <= 0) pump.wakeWaiters();
      }
    }
  }
}
