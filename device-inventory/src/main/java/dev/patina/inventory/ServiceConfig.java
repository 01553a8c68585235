package dev.patina.inventory;

import java.nio.file.Path;

/**
 * The service settings of {@code patina.yaml}, with every path absolute. {@code mail} may be null;
 * {@code cluster} is null on a single node (no {@code cluster:} key).
 */
public record ServiceConfig(Path file, Path repository, String push, Path inventory, int concurrency,
    Timeouts timeouts, String schedule, MailSettings mail, Path secretKeyFile, Path modelsDir, Path knownHosts,
    Path outbox, Path stateDir, ClusterSettings cluster) {
  /** A single node's settings (no cluster). */
  public ServiceConfig(Path file, Path repository, String push, Path inventory, int concurrency,
      Timeouts timeouts, String schedule, MailSettings mail, Path secretKeyFile, Path modelsDir, Path knownHosts,
      Path outbox, Path stateDir) {
    this(file, repository, push, inventory, concurrency, timeouts, schedule, mail, secretKeyFile, modelsDir,
        knownHosts, outbox, stateDir, null);
  }
}
