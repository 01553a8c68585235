package dev.patina.inventory;

import java.time.Duration;
import java.util.List;

/**
 * {@code cluster:} of {@code patina.yaml}: the PostgreSQL database the nodes share, this node's
 * name (default: the host name), the zones whose devices it collects, how often it checks in
 * (a node silent for three check-ins counts as gone) and how long a claim on a device holds
 * without renewal. Absent (null in {@link ServiceConfig}) on a single node, which needs no
 * database.
 */
public record ClusterSettings(String url, String user, Secret password, String node, List<String> zones,
    Duration checkIn, Duration lease) {
  public static final Duration DEFAULT_CHECK_IN = Duration.ofSeconds(5);
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

  public ClusterSettings {
    zones = List.copyOf(zones);
    if (checkIn == null) checkIn = DEFAULT_CHECK_IN;
    if (lease == null) lease = DEFAULT_LEASE;
  }

  public ClusterSettings(String url, String user, Secret password, String node, List<String> zones) {
    this(url, user, password, node, zones, null, null);
  }

  /** How long a node may be silent before it counts as gone: three check-ins. */
  public Duration liveness() {
    return checkIn.multipliedBy(3);
  }
}
