package dev.patina.app.web;

import dev.patina.app.Patina;
import dev.patina.app.cli.ShownText;
import dev.patina.app.run.DeviceResult;
import dev.patina.app.run.RunResult;
import dev.patina.diff.TextDiff;
import dev.patina.inventory.HttpSettings;
import dev.patina.store.RepoStore;
import dev.patina.web.BackupNow;
import dev.patina.web.Fleet;
import dev.patina.web.RunSummary;
import dev.patina.web.Shown;
import dev.patina.web.Site;
import java.util.function.Supplier;

/** Builds the web site of a Patina configuration, and turns a run's result into what the web shows. */
public final class WebSite {
  private WebSite() {}

  /**
   * The one function every text shown by the web passes through (see {@link Shown}): stored text
   * was masked at backup time, and passes the credential detector again here (as {@code patina
   * show} and {@code diff} do), so a version stored before a form was known never shows its value.
   */
  public static Shown shown(Patina patina) {
    try {
      return ShownText.of(patina.config().file(), patina.config())::of;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read the secret key to mask what the web shows", e);
    }
  }

  public static Site site(RepoStore store, Supplier<Patina> patina, BackupNow backupNow, Runnable reload) {
    return site(store, patina, backupNow, reload, null, null);
  }

  /**
   * The site with runs, events and failures in a row from {@code history} and {@code status}
   * (cluster mode: the cluster database) instead of the files beside the repository (both null).
   */
  public static Site site(RepoStore store, Supplier<Patina> patina, BackupNow backupNow, Runnable reload,
      dev.patina.store.RunHistory history, Fleet.StatusSource status) {
    Fleet fleet = new Fleet(store, () -> patina.get().inventory(), shown(patina.get()), history, status);
    return new Site(fleet, backupNow, reload, patina.get().config().outbox());
  }

  /** The http settings, listening on {@code listen} when given. */
  public static HttpSettings http(Patina patina, String listen) {
    HttpSettings h = patina.config().http();
    return listen == null ? h : h.listeningOn(listen);
  }

  /** One device's outcome in a run, for the "back up now" answer. */
  public static RunSummary summary(String device, RunResult result) {
    DeviceResult r = result.devices().isEmpty() ? null : result.devices().get(0);
    String commit = result.commitId().orElse(null);
    if (r == null) return new RunSummary(device, "failed", "the run did not back the device up", commit, result.took());
    return switch (r) {
      case DeviceResult.Changed c -> new RunSummary(device, c.isNew() ? "new" : "changed", diffstat(c), commit,
          c.took());
      case DeviceResult.Unchanged u -> new RunSummary(device, "unchanged", "same as the last version", commit,
          u.took());
      case DeviceResult.Failed f -> new RunSummary(device, "failed", f.kind().label() + ": " + f.reason()
          + " (the previous version is kept)", commit, f.took());
    };
  }

  private static String diffstat(DeviceResult.Changed c) {
    StringBuilder s = new StringBuilder();
    for (TextDiff d : c.diffs()) {
      String artifact = d.path(); // the artifact's name: git paths never reach a diff
      if (!s.isEmpty()) s.append(", ");
      s.append(artifact).append(" +").append(d.added()).append(" -").append(d.removed());
    }
    return s.isEmpty() ? (c.isNew() ? "first version stored" : "changed") : s.toString();
  }
}
