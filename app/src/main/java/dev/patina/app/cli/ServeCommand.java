package dev.patina.app.cli;

import dev.patina.app.Main;
import dev.patina.app.run.RunRequest;
import dev.patina.app.run.RunResult;
import dev.patina.app.serve.Service;
import dev.patina.app.web.RunMetrics;
import dev.patina.app.web.WebSite;
import dev.patina.inventory.Device;
import dev.patina.web.BackupNow;
import dev.patina.web.RunSummary;
import dev.patina.web.Site;
import dev.patina.web.WebServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code patina serve}: run the schedules until SIGTERM; SIGHUP reloads the configuration.
 * Also serves the web UI, API and /metrics ({@code http:} of patina.yaml, or {@code --listen}).
 */
@Command(name = "serve", description = "Run the schedules (Quartz cron per group) until stopped; SIGHUP reloads. "
    + "Also serves the web UI, API and /metrics (default 127.0.0.1:8080).")
public final class ServeCommand implements Callable<Integer> {
  @ParentCommand private Main main;

  @Option(names = "--grace", defaultValue = "120", paramLabel = "SECONDS",
      description = "on SIGTERM, how long devices in flight may finish (default: ${DEFAULT-VALUE})")
  private long grace;

  @Option(names = "--run-now", description = "also run every schedule once at start")
  private boolean runNow;

  @Option(names = "--lock-wait", defaultValue = "60", paramLabel = "SECONDS",
      description = "how long to wait for another patina holding the repository (default: ${DEFAULT-VALUE})")
  private long lockWait;

  @Option(names = "--listen", paramLabel = "HOST:PORT",
      description = "where the web UI listens (default: http.listen of patina.yaml, else 127.0.0.1:8080)")
  private String listen;

  @Option(names = "--no-web", description = "do not start the web UI, API and /metrics")
  private boolean noWeb;

  @Override
  public Integer call() throws Exception {
    Numbers.atLeast("--lock-wait", lockWait, 0, "seconds");
    Numbers.atLeast("--grace", grace, 0, "seconds");
    var config = dev.patina.app.Patina.serviceConfig(main.config());
    if (config.cluster() != null && config.push() == null) {
      // the nodes share one history through the remote; each node's own repository follows it
      throw new Main.UsageException("patina.yaml sets cluster:, which needs repository: push: (a bare repository "
          + "or git server every node reaches: the node that owns a run commits and pushes there, and the others "
          + "start from it). Set repository.push; nothing was started.");
    }
    // SIGHUP is handled before the service logs its schedules: the JVM's default for it is to exit
    AtomicReference<Service> started = new AtomicReference<>();
    Signals.onHangup(() -> {
      Service s = started.get();
      if (s != null) s.reload();
    });
    AtomicReference<Site> site = new AtomicReference<>();
    Service service = Service.start(main.config(), System.out, Duration.ofSeconds(lockWait),
        result -> metrics(started.get(), result, site.get()));
    started.set(service);
    WebServer web = noWeb ? null : startWeb(service, site);
    AtomicReference<ControlChannel> control = new AtomicReference<>();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      ControlChannel c = control.get();
      if (c != null) c.close();
      if (web != null) web.close();
      service.shutdown(Duration.ofSeconds(grace));
      stopped.countDown();
    }, "patina-shutdown"));
    try { // after the signal handlers: patina backup DEVICE beside the service
      control.set(ControlChannel.open(service));
    } catch (java.io.IOException e) {
      System.out.println("patina: on-demand backups beside the service are off: cannot listen on "
          + service.repositoryDir().resolve("patina.sock") + ": " + e.getMessage());
    }
    if (runNow) service.triggerAll();
    stopped.await();
    return Main.OK;
  }

  private static void metrics(Service service, RunResult result, Site site) {
    if (service != null && site != null) RunMetrics.record(result, service.patina().models(), site.metrics());
  }

  /** The web server over the service's repository; a failure to start it is reported and backups go on. */
  private WebServer startWeb(Service service, AtomicReference<Site> site) {
    try {
      BackupNow backupNow = (device, who) -> {
        Device d = service.patina().inventory().device(device).orElse(null);
        if (d == null) {
          return new RunSummary(device, "failed", "not in the inventory; only its history is kept", null,
              Duration.ZERO);
        }
        return WebSite.summary(device, service.run(RunRequest.of(List.of(d), "web: back up now")
            .withTrailer("Requested-By", who)));
      };
      site.set(WebSite.site(service.patina().store(), service::patina, backupNow, service::reload,
          service.runHistory(), service.failureCounts()));
      if (service.changeCounters() != null) site.get().metrics().changeMessages(service.changeCounters()::snapshot);
      WebServer web = WebServer.start(WebSite.http(service.patina(), listen), site.get());
      System.out.println("web UI, API and /metrics at " + web.uri()
          + (web.authRequired() ? " (login required)" : " (no login: auth none)"));
      return web;
    } catch (Exception e) {
      System.out.println("web UI not started, backups go on: " + e.getMessage());
      return null;
    }
  }
}
