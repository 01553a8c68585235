package dev.patina.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after {@link #MAX_FAILURES} failed logins within
 * {@link #WINDOW} from one address, or for one user name, further attempts are refused
 * (HTTP 429 with Retry-After) until the oldest failure leaves the window.
 */
final class LoginLimiter {
  static final int MAX_FAILURES = 5;
  static final Duration WINDOW = Duration.ofMinutes(5);
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
  private final Clock clock;

  LoginLimiter(Clock clock) {
    this.clock = clock;
  }

  /** Seconds to wait before {@code address} may try {@code user} again; 0 when it may now. */
  long retryAfter(String address, String user) {
    return Math.max(wait("ip:" + address), wait("user:" + user));
  }

  void failed(String address, String user) {
    Instant now = clock.instant();
    for (String key : new String[] {"ip:" + address, "user:" + user}) {
      Deque<Instant> d = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
      synchronized (d) {
        d.addLast(now);
        while (d.size() > MAX_FAILURES) d.removeFirst();
      }
    }
    if (failures.size() > 100_000) failures.clear(); // a flood of names: forget rather than grow without end
  }

  void succeeded(String address, String user) {
    failures.remove("user:" + user);
    failures.remove("ip:" + address);
  }

  private long wait(String key) {
    Deque<Instant> d = failures.get(key);
    if (d == null) return 0;
    synchronized (d) {
      Instant cutoff = clock.instant().minus(WINDOW);
      while (!d.isEmpty() && d.peekFirst().isBefore(cutoff)) d.removeFirst();
      if (d.size() < MAX_FAILURES) return 0;
      return Math.max(1, Duration.between(cutoff, d.peekFirst()).toSeconds() + 1);
    }
  }
}
