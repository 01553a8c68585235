package dev.patina.app.cli;

import dev.patina.app.Main;
import dev.patina.app.web.WebProcess;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code patina web}: the web UI, JSON API and /metrics over the repository that a cron-driven
 * {@code patina run} fills; "back up now" runs the pipeline in this process; SIGHUP reloads.
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
    WebProcess web = WebProcess.start(main.config(), listen, Duration.ofSeconds(lockWait), System.out);
    System.out.println("patina web: serving " + web.repository() + " at " + web.server().uri()
        + (web.server().authRequired() ? " (login required; add people with `patina user add`)"
            : " (no login: auth none)"));
    System.out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      web.close();
      stopped.countDown();
    }, "patina-web-shutdown"));
    Signals.onHangup(web::reload);
    stopped.await();
    return Main.OK;
  }
}
