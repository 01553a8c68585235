package dev.patina.app.web;

import dev.patina.app.Main;
import dev.patina.app.Patina;
import dev.patina.app.run.RunPipeline;
import dev.patina.app.run.RunRequest;
import dev.patina.app.run.RunResult;
import dev.patina.inventory.Device;
import dev.patina.store.RepoLock;
import dev.patina.store.RepoStore;
import dev.patina.web.BackupNow;
import dev.patina.web.RunSummary;
import dev.patina.web.Site;
import dev.patina.web.WebConfigException;
import dev.patina.web.WebServer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What {@code patina web} runs: the web server over the repository of a configuration, with
 * "back up now" running the pipeline in this process (taking the repository lock as
 * {@code patina backup} does) and reload re-reading the configuration.
 */
public final class WebProcess implements AutoCloseable {
  private final AtomicReference<Patina> current;
  private final RepoStore store;
  private final WebServer server;
  private final Path configFile;
  private final PrintStream log;

  private WebProcess(Path configFile, String listen, Duration lockWait, PrintStream log) throws Exception {
    this.configFile = configFile;
    this.log = log;
    this.current = new AtomicReference<>(Patina.load(configFile));
    Patina first = current.get();
    // cluster mode: runs, events and failures in a row are the cluster's, in its database
    dev.patina.cluster.ClusterHistory history = null;
    if (first.config().cluster() != null) {
      history = new dev.patina.cluster.ClusterHistory(dev.patina.cluster.ClusterDatabase.open(first.config().cluster()));
    }
    this.store = RepoStore.open(first.config().repository());
    AtomicReference<Site> site = new AtomicReference<>();
    BackupNow backupNow = (device, who) -> backup(current.get(), device, who, site.get(), lockWait);
    dev.patina.cluster.ClusterHistory h = history;
    site.set(WebSite.site(store, current::get, backupNow, this::reload, history,
        h == null ? null : () -> dev.patina.store.RunStatus.of(h.failureCounts())));
    try {
      this.server = WebServer.start(WebSite.http(first, listen), site.get());
    } catch (WebConfigException e) {
      store.close();
      first.close();
      throw new Main.UsageException(e.getMessage());
    }
  }

  /** Starts serving; {@code listen} overrides {@code http.listen} when not null. */
  public static WebProcess start(Path configFile, String listen, Duration lockWait, PrintStream log) throws Exception {
    return new WebProcess(configFile, listen, lockWait, log);
  }

  public WebServer server() {
    return server;
  }

  public Path repository() {
    return store.dir();
  }

  /** Re-reads patina.yaml and the inventory; a broken one is refused and the loaded one kept. */
  public void reload() {
    try {
      Patina next = Patina.load(configFile);
      Patina old = current.getAndSet(next);
      log.println("patina web: reloaded " + next.config().inventory() + ": " + next.inventory().devices().size()
          + " devices");
      if (old != null) old.close();
    } catch (Exception e) {
      log.println("patina web: reload refused, keeping the configuration loaded before: " + e.getMessage());
    }
  }

  private RunSummary backup(Patina patina, String name, String who, Site site, Duration lockWait) throws Exception {
    Device device = patina.inventory().device(name).orElse(null);
    if (device == null) {
      return new RunSummary(name, "failed", "not in the inventory " + patina.config().inventory()
          + "; only its history is kept", null, Duration.ZERO);
    }
    RunResult result;
    try (RepoLock lock = patina.store().lock(lockWait)) {
      result = patina.pipeline().run(RunRequest.of(List.of(device), "web: back up now")
          .withTrailer("Requested-By", who), RunPipeline.Progress.NONE);
    }
    RunMetrics.record(result, patina.models(), site.metrics());
    RunSummary s = WebSite.summary(name, result);
    log.println(Instant.now().toString().substring(0, 19) + "Z back up now " + name + " (asked by " + who + "): "
        + s.outcome() + (s.detail() == null ? "" : ", " + s.detail()));
    return s;
  }

  @Override
  public void close() {
    server.close();
    store.close();
    Patina p = current.getAndSet(null);
    if (p != null) p.close();
  }
}
