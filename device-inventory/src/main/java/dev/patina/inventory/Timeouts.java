package dev.patina.inventory;

import java.time.Duration;

/** Time limits: TCP/SSH connect, one command's silence, and the whole device (hard). */
public record Timeouts(Duration connect, Duration command, Duration device) {
  public static Timeouts defaults() {
    return new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(300));
  }
}
