package dev.patina.app.changes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the change listeners have seen since the service started, for the service log and (read
 * by the web module) {@code /metrics}. Every message received ends in exactly one of matched,
 * ignored (unrelated, or from a sender that is no device) or dropped (malformed, oversized,
 * refused community or user, or the queue full); {@code received} may run ahead of their sum by
 * the messages still queued.
 */
public final class ChangeCounters {
  final AtomicLong received = new AtomicLong();
  final AtomicLong matched = new AtomicLong();
  final AtomicLong unrelated = new AtomicLong();
  final AtomicLong unknownSender = new AtomicLong();
  final AtomicLong malformed = new AtomicLong();
  final AtomicLong oversized = new AtomicLong();
  final AtomicLong refused = new AtomicLong();
  final AtomicLong queueFull = new AtomicLong();
  final AtomicLong backups = new AtomicLong();
  final AtomicLong deferred = new AtomicLong();

  public long received() {
    return received.get();
  }

  public long matched() {
    return matched.get();
  }

  /** Messages from devices that announce no change, plus messages from senders that are no device. */
  public long ignored() {
    return unrelated.get() + unknownSender.get();
  }

  /** Malformed, oversized, refused (community, v3 user) and those that found the queue full. */
  public long dropped() {
    return malformed.get() + oversized.get() + refused.get() + queueFull.get();
  }

  /** Triggered backups started. */
  public long backups() {
    return backups.get();
  }

  /**
   * Every counter by a stable name (for {@code /metrics}: {@code patina_change_messages_total{outcome="..."}}
   * and {@code patina_change_backups_total}).
   */
  public Map<String, Long> snapshot() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("received", received.get());
    m.put("matched", matched.get());
    m.put("ignored_unrelated", unrelated.get());
    m.put("ignored_unknown_sender", unknownSender.get());
    m.put("dropped_malformed", malformed.get());
    m.put("dropped_oversized", oversized.get());
    m.put("dropped_refused", refused.get());
    m.put("dropped_queue_full", queueFull.get());
    m.put("backups", backups.get());
    m.put("backups_deferred_by_cap", deferred.get());
    return m;
  }

  /** "change messages: 10012 received, 3 matched, 9 ignored (2 from unknown senders), 10000 dropped (...)". */
  public String describe() {
    StringBuilder s = new StringBuilder("change messages: ").append(received.get()).append(" received, ")
        .append(matched.get()).append(" matched, ").append(ignored()).append(" ignored");
    if (unknownSender.get() > 0) s.append(" (").append(unknownSender.get()).append(" from unknown senders)");
    s.append(", ").append(dropped()).append(" dropped");
    if (dropped() > 0) {
      s.append(" (").append(malformed.get()).append(" malformed, ").append(oversized.get()).append(" oversized, ")
          .append(refused.get()).append(" refused, ").append(queueFull.get()).append(" queue full)");
    }
    s.append("; ").append(backups.get()).append(" triggered backups");
    if (deferred.get() > 0) s.append(", ").append(deferred.get()).append(" held back by max-per-minute");
    return s.toString();
  }
}
