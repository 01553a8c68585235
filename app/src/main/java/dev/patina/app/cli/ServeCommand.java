package dev.patina.app.cli;

import dev.patina.app.Main;
import dev.patina.app.serve.Service;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code patina serve}: run the schedules until SIGTERM; SIGHUP reloads the configuration. */
@Command(name = "serve", description = "Run the schedules (Quartz cron per group) until stopped; SIGHUP reloads.")
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

  @Override
  public Integer call() throws Exception {
    // SIGHUP is handled before the service logs its schedules: the JVM's default for it is to exit
    AtomicReference<Service> started = new AtomicReference<>();
    Signals.onHangup(() -> {
      Service s = started.get();
      if (s != null) s.reload();
    });
    Service service = Service.start(main.config(), System.out, Duration.ofSeconds(lockWait), result -> {});
    started.set(service);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      service.shutdown(Duration.ofSeconds(grace));
      stopped.countDown();
    }, "patina-shutdown"));
    if (runNow) service.triggerAll();
    stopped.await();
    return Main.OK;
  }
}
