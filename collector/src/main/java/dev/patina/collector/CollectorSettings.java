package dev.patina.collector;

import java.time.Duration;

/** Connect timeout and per-command read timeout (no output for this long ends the command). */
public record CollectorSettings(Duration connect, Duration command) {
  /** 10 s to connect, 60 s per command. */
  public static CollectorSettings defaults() {
    return new CollectorSettings(Duration.ofSeconds(10), Duration.ofSeconds(60));
  }
}
