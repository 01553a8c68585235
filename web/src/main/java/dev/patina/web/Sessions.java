package dev.patina.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logged-in sessions, in memory (a restart logs everyone out): a random id in an HttpOnly,
 * SameSite=Strict cookie, and a CSRF token that every POST made with the cookie must carry.
 * A session ends after {@link #IDLE} without a request; at most {@link #MAX} live at once.
 */
final class Sessions {
  static final Duration IDLE = Duration.ofHours(8);
  static final int MAX = 10_000;

  /** One session; {@code lastSeen} is refreshed by each request. */
  static final class Session {
    final String id = PasswordHash.random();
    final String csrf = PasswordHash.random();
    final Principal principal;
    volatile Instant lastSeen;

    Session(Principal principal, Instant now) {
      this.principal = principal;
      this.lastSeen = now;
    }
  }

  private final Map<String, Session> byId = new ConcurrentHashMap<>();
  private final Clock clock;

  Sessions(Clock clock) {
    this.clock = clock;
  }

  Session create(Principal p) {
    Instant now = clock.instant();
    if (byId.size() >= MAX) evict(now);
    Session s = new Session(p, now);
    byId.put(s.id, s);
    return s;
  }

  /** The live session of {@code id}, or null. */
  Session find(String id) {
    if (id == null) return null;
    Session s = byId.get(id);
    if (s == null) return null;
    Instant now = clock.instant();
    if (s.lastSeen.plus(IDLE).isBefore(now)) {
      byId.remove(id);
      return null;
    }
    s.lastSeen = now;
    return s;
  }

  void end(String id) {
    if (id != null) byId.remove(id);
  }

  private void evict(Instant now) {
    byId.values().removeIf(s -> s.lastSeen.plus(IDLE).isBefore(now));
    if (byId.size() >= MAX) { // all live: drop the longest idle tenth
      byId.values().stream().sorted(java.util.Comparator.comparing(s -> s.lastSeen)).limit(MAX / 10)
          .map(s -> s.id).toList().forEach(byId::remove);
    }
  }
}
