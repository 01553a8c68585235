package dev.patina.inventory;

import java.nio.file.Path;

/**
 * The service settings of {@code patina.yaml}, with every path absolute. {@code mail} and
 * {@code changes} (the change listeners of {@code patina serve}) may be null; {@code cluster} is
 * null on a single node (no {@code cluster:} key).
 */
public record ServiceConfig(Path file, Path repository, String push, Path inventory, int concurrency,
    Timeouts timeouts, String schedule, MailSettings mail, Path secretKeyFile, Path modelsDir, Path knownHosts,
    Path outbox, Path stateDir, ChangeSettings changes, HttpSettings http, ClusterSettings cluster) {
  /** The settings without an {@code http:} section (for callers written before it existed). */
  public ServiceConfig(Path file, Path repository, String push, Path inventory, int concurrency, Timeouts timeouts,
      String schedule, MailSettings mail, Path secretKeyFile, Path modelsDir, Path knownHosts, Path outbox,
      Path stateDir) {
    this(file, repository, push, inventory, concurrency, timeouts, schedule, mail, secretKeyFile, modelsDir,
        knownHosts, outbox, stateDir, null, HttpSettings.defaults(stateDir), null);
  }
}
