package dev.patina.inventory;

import java.time.Duration;

/**
 * Time limits: TCP/SSH connect and one command's silence (the collector's), and the whole device
 * (hard; the run's watchdog). One type from patina.yaml down to the transports.
 */
public record Timeouts(Duration connect, Duration command, Duration device) {
  public static Timeouts defaults() {
    return new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(300));
  }
}
