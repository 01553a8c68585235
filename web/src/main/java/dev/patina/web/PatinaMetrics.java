package dev.patina.web;

import dev.patina.store.RunLog;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Patina's Prometheus metrics (official client 1.x, text format at {@code /metrics}). Read from
 * the repository at scrape time, so {@code patina web} beside a cron-driven {@code patina run}
 * shows them too: per device last attempt, success and change times, status and config size;
 * the last run; outbox pending and rejected; repository size. Counted in this process (so only
 * by {@code patina serve} and the backups a web server runs): attempts by outcome, backup
 * duration by model and transport, run duration. And the JVM's basics.
 */
public final class PatinaMetrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Fleet fleet;
  private final Path outbox;
  private final Counter attempts;
  private final Histogram backupDuration;
  private final Histogram runDuration;
  private final Histogram commitDuration;
  private volatile long repoBytes = -1;
  private volatile long repoMeasured;
  private CurrentConfigs configs;

  PatinaMetrics(Fleet fleet, Path outbox) {
    this.fleet = fleet;
    this.outbox = outbox;
    JvmMetrics.builder().register(registry);
    attempts = Counter.builder().name("patina_backup_attempts").help("Device backups attempted, by outcome "
        + "(ok, changed, timeout, auth, incomplete, hostkey, connect, ...)").labelNames("outcome").register(registry);
    backupDuration = Histogram.builder().name("patina_backup_duration_seconds").help("Time to back up one device")
        .labelNames("model", "transport").classicOnly().classicUpperBounds(0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300)
        .register(registry);
    runDuration = Histogram.builder().name("patina_run_duration_seconds").help("Time of a whole run")
        .classicOnly().classicUpperBounds(1, 5, 10, 30, 60, 120, 300, 600, 1800).register(registry);
    commitDuration = Histogram.builder().name("patina_commit_duration_seconds")
        .help("Time to write a run's commit (staged objects, trees, the commit and its ref)")
        .classicOnly().classicUpperBounds(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10).register(registry);
    perDevice("patina_device_last_success_timestamp_seconds", "When the device was last backed up",
        d -> seconds(d.lastSuccess()));
    perDevice("patina_device_last_attempt_timestamp_seconds", "When a backup of the device was last tried",
        d -> seconds(d.lastFailure() == null ? d.lastSuccess() : d.lastSuccess() == null ? d.lastFailure()
            : d.lastFailure().isAfter(d.lastSuccess()) ? d.lastFailure() : d.lastSuccess()));
    perDevice("patina_device_last_change_timestamp_seconds", "When the device's stored config last changed",
        d -> seconds(d.lastChange()));
    perDevice("patina_device_up", "1 when the device's last backup succeeded, 0 when it failed",
        d -> d.status().equals("never") ? Double.NaN : d.status().equals("ok") ? 1 : 0);
    perDevice("patina_device_failures_in_a_row", "Failed backups since the last success", d -> d.failuresInRow());
    GaugeWithCallback.builder().name("patina_device_config_bytes").help("Size of the device's stored configuration "
        + "(every artifact but state documents)").labelNames("device").callback(cb -> {
          try {
            if (configs == null) return;
            for (Map.Entry<String, Map<String, String>> e : configs.now().entrySet()) {
              long n = 0;
              for (String t : e.getValue().values()) n += t.length();
              cb.call(n, e.getKey());
            }
          } catch (Exception ignored) {
            // the scrape goes on without it
          }
        }).register(registry);
    GaugeWithCallback.builder().name("patina_last_run_timestamp_seconds").help("When the last run started")
        .callback(cb -> lastRun().ifPresent(r -> cb.call(r.started().getEpochSecond()))).register(registry);
    GaugeWithCallback.builder().name("patina_last_run_seconds").help("How long the last run took")
        .callback(cb -> lastRun().ifPresent(r -> cb.call(r.took().toMillis() / 1000.0))).register(registry);
    GaugeWithCallback.builder().name("patina_last_run_devices").help("Devices of the last run by outcome")
        .labelNames("outcome").callback(cb -> lastRun().ifPresent(r -> {
          cb.call(r.changed(), "changed");
          cb.call(r.added(), "new");
          cb.call(r.unchanged(), "unchanged");
          cb.call(r.failed(), "failed");
        })).register(registry);
    GaugeWithCallback.builder().name("patina_outbox_messages").help("Digests in the outbox: pending, or rejected "
        + "for good by the mail server").labelNames("state").callback(cb -> {
          if (outbox == null) return;
          cb.call(count(outbox, ".eml"), "pending");
          cb.call(count(outbox.resolve("rejected"), ".eml"), "rejected");
        }).register(registry);
    GaugeWithCallback.builder().name("patina_repository_bytes").help("Size of the git repository on disk")
        .callback(cb -> cb.call(repositoryBytes())).register(registry);
    GaugeWithCallback.builder().name("patina_repository_commits").help("Commits in the repository's main branch")
        .callback(cb -> {
          try {
            cb.call(fleet.versions().size());
          } catch (Exception ignored) {
            // left out of this scrape
          }
        }).register(registry);
  }

  void useConfigs(CurrentConfigs configs) {
    this.configs = configs;
  }

  private void perDevice(String name, String help, java.util.function.ToDoubleFunction<Fleet.DeviceRow> value) {
    GaugeWithCallback.builder().name(name).help(help).labelNames("device", "group", "model").callback(cb -> {
      try {
        for (Fleet.DeviceRow d : fleet.devices()) {
          double v = value.applyAsDouble(d);
          if (!Double.isNaN(v)) cb.call(v, d.name(), d.group() == null ? "" : d.group(), d.model() == null ? ""
              : d.model());
        }
      } catch (Exception ignored) {
        // the scrape goes on without it
      }
    }).register(registry);
  }

  private static double seconds(java.time.Instant t) {
    return t == null ? Double.NaN : t.toEpochMilli() / 1000.0;
  }

  private java.util.Optional<RunLog.Run> lastRun() {
    try {
      List<RunLog.Run> r = fleet.runLog().runs(1);
      return r.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(r.get(0));
    } catch (Exception e) {
      return java.util.Optional.empty();
    }
  }

  private static long count(Path dir, String suffix) {
    if (!Files.isDirectory(dir)) return 0;
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).count();
    } catch (IOException e) {
      return 0;
    }
  }

  /** The repository's size, measured at most once a minute. */
  private long repositoryBytes() {
    long now = System.currentTimeMillis();
    if (repoBytes >= 0 && now - repoMeasured < 60_000) return repoBytes;
    long total = 0;
    try (Stream<Path> s = Files.walk(fleet.store().repository().getDirectory().toPath())) {
      total = s.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    } catch (IOException | java.io.UncheckedIOException e) {
      return repoBytes;
    }
    repoBytes = total;
    repoMeasured = now;
    return total;
  }

  /** One device's backup in this process: {@code outcome} ok, changed, new, or the failure kind. */
  public void backup(String model, String transport, String outcome, Duration took) {
    attempts.labelValues(outcome).inc();
    backupDuration.labelValues(model == null ? "" : model, transport == null ? "" : transport)
        .observe(took.toNanos() / 1e9);
  }

  /**
   * The change listeners' counters of {@code patina serve} ({@code changes:}), read at each scrape:
   * {@code patina_change_messages_total{counter="received|matched|ignored_...|dropped_...|backups|..."}}.
   * Called once, by the service that has listeners.
   */
  public void changeMessages(java.util.function.Supplier<java.util.Map<String, Long>> counters) {
    io.prometheus.metrics.core.metrics.CounterWithCallback.builder().name("patina_change_messages")
        .help("Change messages (syslog, SNMP notifications) by what became of them, and the backups they triggered")
        .labelNames("counter").callback(cb -> counters.get().forEach((name, n) -> cb.call(n, name)))
        .register(registry);
  }

  /** One run's commit, timed by the pipeline. */
  public void commit(Duration took) {
    commitDuration.observe(took.toNanos() / 1e9);
  }

  public void run(Duration took) {
    runDuration.observe(took.toNanos() / 1e9);
  }

  void register(Router r, Site site) {
    useConfigs(site.configs());
    r.add("GET", "/metrics", Role.VIEWER, this::scrape);
    r.add("GET", "/healthz", null, c -> c.text(200, "ok\n"));
    r.add("GET", "/readyz", null, c -> {
      try {
        fleet.versions();
        c.text(200, "ready: " + fleet.versions().size() + " commits indexed\n");
      } catch (Exception e) {
        c.text(503, "not ready: " + e.getMessage() + "\n");
      }
    });
  }

  private void scrape(Call c) throws IOException {
    PrometheusTextFormatWriter w = PrometheusTextFormatWriter.create();
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    w.write(out, registry.scrape());
    c.send(200, w.getContentType(), out.toByteArray());
  }
}
