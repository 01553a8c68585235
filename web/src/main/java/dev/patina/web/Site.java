package dev.patina.web;

import java.nio.file.Path;

/**
 * What one web server serves: the repository's {@link Fleet}, "back up now" and reload (null
 * where the process cannot do them), the outbox folder for its metrics, and the metrics.
 */
public final class Site {
  private final Fleet fleet;
  private final CurrentConfigs configs;
  private final BackupNow backupNow;
  private final Runnable reload;
  private final Path outbox;
  private final PatinaMetrics metrics;

  public Site(Fleet fleet, BackupNow backupNow, Runnable reload, Path outbox) {
    this.fleet = fleet;
    this.configs = new CurrentConfigs(fleet);
    this.backupNow = backupNow;
    this.reload = reload;
    this.outbox = outbox;
    this.metrics = new PatinaMetrics(fleet, outbox);
  }

  public Fleet fleet() {
    return fleet;
  }

  CurrentConfigs configs() {
    return configs;
  }

  BackupNow backupNow() {
    return backupNow;
  }

  Runnable reload() {
    return reload;
  }

  Path outbox() {
    return outbox;
  }

  /** The metrics; the app records backups, runs and commits made in this process here. */
  public PatinaMetrics metrics() {
    return metrics;
  }
}
