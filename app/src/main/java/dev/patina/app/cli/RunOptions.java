package dev.patina.app.cli;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options {@code run} and {@code backup} share. */
final class RunOptions {
  @Option(names = "--no-mail", description = "do not send the digest")
  boolean noMail;

  @Option(names = "--report", paramLabel = "FILE", description = "also write a JSON run report")
  Path report;

  @Option(names = "--lock-wait", paramLabel = "SECONDS", defaultValue = "60",
      description = "how long to wait for another run holding the repository (default: ${DEFAULT-VALUE})")
  long lockWait;

  Duration lockWaitDuration() {
    return Duration.ofSeconds(lockWait);
  }

  /** Refuses values that make no sense before anything runs. */
  void check() throws dev.patina.app.Main.UsageException {
    Numbers.atLeast("--lock-wait", lockWait, 0, "seconds");
  }
}
