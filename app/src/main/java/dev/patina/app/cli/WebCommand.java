package dev.patina.app.cli;

import dev.patina.app.Main;
import dev.patina.app.Patina;
import dev.patina.app.run.BackupRun;
import dev.patina.app.run.RunResult;
import dev.patina.app.web.RunHistory;
import dev.patina.app.web.WebSite;
import dev.patina.inventory.Device;
import dev.patina.store.RepoLock;
import dev.patina.store.RepoStore;
import dev.patina.web.BackupNow;
import dev.patina.web.RunSummary;
import dev.patina.web.Site;
import dev.patina.web.WebConfigException;
import dev.patina.web.WebServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code patina web}: the web UI, JSON API and /metrics over the repository that a cron-driven
 * {@code patina run} fills; "back up now" runs the pipeline in this process.
 */
@Command(name = "web", description = "Serve the web UI, the JSON API and /metrics over the repository "
    + "(default 127.0.0.1:8080; beyond loopback a login is required).")
public final class WebCommand implements Callable<Integer> {
  @ParentCommand private Main main;

  @Option(names = "--listen", paramLabel = "HOST:PORT",
      description = "address to listen on (default: http.listen of patina.yaml, else 127.0.0.1:8080)")
  private String listen;

  @Option(names = "--lock-wait", defaultValue = "600", paramLabel = "SECONDS",
      description = "how long \"back up now\" waits for a run holding the repository (default: ${DEFAULT-VALUE})")
  private long lockWait;

  @Override
  public Integer call() throws Exception {
    AtomicReference<Patina> current = new AtomicReference<>(Patina.load(main.config()));
    Patina first = current.get();
    try (RepoStore store = RepoStore.open(first.config().repository())) {
      AtomicReference<Site> site = new AtomicReference<>();
      BackupNow backupNow = (device, who) -> backup(current.get(), device, who, site.get());
      Runnable reload = () -> {
        try {
          current.set(Patina.load(main.config()));
        } catch (Exception e) {
          System.err.println("patina web: reload refused, keeping the configuration loaded before: "
              + e.getMessage());
        }
      };
      site.set(WebSite.site(store, current::get, backupNow, reload));
      WebServer server;
      try {
        server = WebServer.start(WebSite.http(first, listen), site.get());
      } catch (WebConfigException e) {
        throw new Main.UsageException(e.getMessage());
      }
      System.out.println("patina web: serving " + store.dir() + " at " + server.uri()
          + (server.authRequired() ? " (log in with a user of " + first.config().http().usersFile() + ")"
              : " (no login: auth none)"));
      System.out.flush();
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        server.close();
        stopped.countDown();
      }, "patina-web-shutdown"));
      Signals.onHangup(reload);
      stopped.await();
      return Main.OK;
    }
  }

  private RunSummary backup(Patina patina, String name, String who, Site site) throws Exception {
    Device device = patina.inventory().device(name).orElse(null);
    if (device == null) {
      return new RunSummary(name, "failed", "not in the inventory " + patina.config().inventory()
          + "; only its history is kept", null, Duration.ZERO);
    }
    RunResult result;
    Instant asked = Instant.now();
    try (RepoLock lock = patina.store().lock(Duration.ofSeconds(lockWait))) {
      result = patina.backupRun().run(List.of(device), BackupRun.Progress.NONE);
    }
    RunHistory.record(patina.store(), result, "web: " + who, patina.models(), site.metrics());
    Mailer.afterRun(patina, result, false, System.out);
    System.out.println(Instant.now().toString().substring(0, 19) + "Z back up now " + name + " (asked by " + who
        + " at " + asked.toString().substring(11, 19) + "): " + WebSite.summary(name, result).outcome());
    return WebSite.summary(name, result);
  }
}
