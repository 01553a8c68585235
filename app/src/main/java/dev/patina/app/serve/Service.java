package dev.patina.app.serve;

import dev.patina.app.Patina;
import dev.patina.app.changes.ChangeBurst;
import dev.patina.app.changes.ChangeListeners;
import dev.patina.collector.ChangeRules;
import dev.patina.collector.Model;
import dev.patina.app.run.RunPipeline;
import dev.patina.app.run.RunRequest;
import dev.patina.app.run.RunResult;
import dev.patina.inventory.Device;
import dev.patina.store.RepoLock;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

/**
 * {@code patina serve}: one Quartz job per schedule (group or default), groups in parallel
 * within one global concurrency bound, a group never overlapping itself, a late run firing
 * once; holds the repository lock for its life; reloads on request; stops gracefully. With a
 * {@code changes:} section it also listens for the devices' change messages and backs a device
 * up once it has been quiet for a moment after announcing a change ({@link ChangeListeners}).
 */
public final class Service implements AutoCloseable {
  private final Path configFile;
  private final PrintStream log;
  private final Consumer<RunResult> onRun;
  private volatile Patina patina;
  /** Slots, commit lock and stop request of every run of this service (see {@link RunPipeline.Shared}). */
  private volatile RunPipeline.Shared shared;
  private Scheduler scheduler;
  private RepoLock lock;
  private ChangeListeners changes;
  /** This process as a cluster node ({@code cluster:} set), else null: a single node without a database. */
  private dev.patina.cluster.ClusterNode cluster;
  private final java.util.concurrent.atomic.AtomicLong runsHere = new java.util.concurrent.atomic.AtomicLong();
  /**
   * Devices in a scheduled run now (name -> runs). A change backup of one of them waits for that
   * run to end: otherwise the scheduled run, having read the device before the change, could
   * commit after the change backup and put the old configuration back on top.
   */
  private final Map<String, Integer> scheduledNow = new java.util.HashMap<>();

  private Service(Path configFile, PrintStream log, Consumer<RunResult> onRun) {
    this.configFile = configFile;
    this.log = log;
    this.onRun = onRun;
  }

  /**
   * Loads the configuration, takes the repository lock and starts the schedules; {@code onRun}
   * is told each run's result after it was logged (mail went out through the pipeline).
   */
  public static Service start(Path configFile, PrintStream log, Duration lockWait, Consumer<RunResult> onRun)
      throws Exception {
    Service s = new Service(configFile, log, onRun);
    s.patina = Patina.load(configFile);
    s.shared = RunPipeline.Shared.of(s.patina.config().concurrency());
    s.lock = s.patina.store().lock(lockWait);
    s.lock.notices().forEach(n -> log.println("patina: " + n));
    var clusterSettings = s.patina.config().cluster();
    if (clusterSettings != null) {
      // each firing on one node of the cluster (Quartz's clustered JDBC job store); devices by zone
      dev.patina.cluster.ClusterDatabase db;
      try {
        db = dev.patina.cluster.ClusterDatabase.open(clusterSettings);
      } catch (dev.patina.cluster.ClusterStartException e) {
        s.close();
        throw e;
      }
      s.scheduler = dev.patina.cluster.ClusterScheduler.create(db, 16, clusterSettings.checkIn());
      s.cluster = new dev.patina.cluster.ClusterNode(db, () -> s.patina, () -> s.shared, (result, trailers) -> s.report(result, trailers),
          m -> s.log("%s", m));
      try {
        s.cluster.start();
      } catch (dev.patina.cluster.ClusterStartException e) {
        s.close();
        throw e;
      }
    } else {
      Properties props = new Properties();
      props.setProperty("org.quartz.scheduler.instanceName", "patina");
      props.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
      props.setProperty("org.quartz.threadPool.threadCount", "16");
      props.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
      // a run that is late by more than this fires once (FireAndProceed), never in a burst
      props.setProperty("org.quartz.jobStore.misfireThreshold", "1000");
      s.scheduler = new StdSchedulerFactory(props).getScheduler();
    }
    s.scheduler.getContext().put(GroupRunJob.SERVICE, s);
    s.schedule();
    s.scheduler.start();
    try {
      s.listen();
    } catch (Exception e) {
      s.shutdown(Duration.ZERO);
      throw e;
    }
    return s;
  }

  /** Starts the change listeners of the {@code changes:} section, if any. */
  private void listen() throws java.io.IOException {
    var settings = patina.config().changes();
    if (settings == null) return;
    changes = ChangeListeners.start(settings, patina.inventory().devices(), this::rules, this::runTriggered,
        m -> log("%s", m));
    log("changes: listening on %s; a device is backed up %s s after its last change message, at most %d a minute",
        String.join(", ", changes.listening()), settings.quiet().toMillis() / 1000.0, settings.perMinute());
  }

  private ChangeRules rules(Device d) {
    return patina.models().find(d.model()).map(Model::changes).orElse(ChangeRules.NONE);
  }

  /** What the change listeners are bound to ("udp://127.0.0.1:5514", "snmp udp://0.0.0.0:162"); empty without them. */
  public List<String> changeListening() {
    return changes == null ? List.of() : changes.listening();
  }

  /** The change listeners' counters, or null without a {@code changes:} section (for /metrics). */
  public dev.patina.app.changes.ChangeCounters changeCounters() {
    return changes == null ? null : changes.counters();
  }

  /** Called by the change listeners: backs up one device (as the current inventory has it) for a burst of changes. */
  void runTriggered(ChangeBurst burst) {
    Device device = patina.inventory().devices().stream().filter(d -> d.name().equals(burst.device().name()))
        .findFirst().orElse(null);
    if (device == null) {
      log("run change %s: no longer in the inventory, skipped", burst.device().name());
      return;
    }
    ChangeBurst now = new ChangeBurst(device, burst.changedBy(), burst.messages(), burst.more(), burst.firstNanos());
    try {
      synchronized (scheduledNow) {
        if (scheduledNow.containsKey(device.name())) {
          log("run change %s: waiting for the scheduled run that has it in flight", device.name());
        }
        while (scheduledNow.containsKey(device.name())) scheduledNow.wait(1000);
      }
      run(now.request());
    } catch (Exception e) {
      log("run change %s failed: %s", device.name(), e);
    }
  }

  private synchronized void schedule() throws SchedulerException {
    if (cluster != null) {
      scheduleShared();
      return;
    }
    scheduler.clear();
    Map<ScheduleKey, List<Device>> keys = ScheduleKey.split(patina.inventory().devices(), patina.config().schedule());
    for (Map.Entry<ScheduleKey, List<Device>> e : keys.entrySet()) {
      ScheduleKey key = e.getKey();
      JobDetail job = JobBuilder.newJob(GroupRunJob.class).withIdentity(key.jobName())
          .usingJobData(GroupRunJob.GROUP, key.group()).usingJobData(GroupRunJob.CRON, key.cron()).build();
      Trigger trigger = TriggerBuilder.newTrigger().withIdentity(key.jobName())
          .withSchedule(CronScheduleBuilder.cronSchedule(key.cron()).withMisfireHandlingInstructionFireAndProceed())
          .build();
      scheduler.scheduleJob(job, trigger);
      log("schedule %s: %d device%s, next run %s", key.jobName(), e.getValue().size(),
          e.getValue().size() == 1 ? "" : "s", trigger.getNextFireTime() == null ? "never"
              : trigger.getNextFireTime().toInstant());
    }
  }

  /**
   * Cluster mode: the schedules live in the shared job store, so a node adds those missing and
   * removes those no longer in its inventory (a changed cron is a new key), without touching the
   * triggers other nodes are firing. (All nodes read the same inventory.)
   */
  private void scheduleShared() throws SchedulerException {
    Map<ScheduleKey, List<Device>> keys = ScheduleKey.split(patina.inventory().devices(), patina.config().schedule());
    java.util.Set<org.quartz.JobKey> wanted = new java.util.HashSet<>();
    for (Map.Entry<ScheduleKey, List<Device>> e : keys.entrySet()) {
      ScheduleKey key = e.getKey();
      org.quartz.JobKey jobKey = org.quartz.JobKey.jobKey(key.jobName());
      wanted.add(jobKey);
      Trigger trigger = TriggerBuilder.newTrigger().withIdentity(key.jobName()).forJob(jobKey)
          .withSchedule(CronScheduleBuilder.cronSchedule(key.cron()).withMisfireHandlingInstructionFireAndProceed())
          .build();
      Trigger existing = scheduler.getTrigger(trigger.getKey());
      if (existing == null) {
        JobDetail job = JobBuilder.newJob(GroupRunJob.class).withIdentity(jobKey)
            .usingJobData(GroupRunJob.GROUP, key.group()).usingJobData(GroupRunJob.CRON, key.cron()).build();
        try {
          scheduler.scheduleJob(job, java.util.Set.of(trigger), true);
        } catch (org.quartz.ObjectAlreadyExistsException raced) {
          // another node added it at the same moment
        }
        existing = scheduler.getTrigger(trigger.getKey());
      }
      log("schedule %s: %d device%s, next run %s (once across the cluster)", key.jobName(), e.getValue().size(),
          e.getValue().size() == 1 ? "" : "s", existing == null || existing.getNextFireTime() == null ? "never"
              : existing.getNextFireTime().toInstant());
    }
    for (org.quartz.JobKey k : scheduler.getJobKeys(org.quartz.impl.matchers.GroupMatcher.anyGroup())) {
      if (!wanted.contains(k)) scheduler.deleteJob(k);
    }
  }

  /** Called by the job of {@code key}: backs up its devices from the current inventory. */
  void runScheduled(ScheduleKey key) {
    runScheduled(key, null, 0, null);
  }

  /**
   * Called by the job of {@code key} for its firing of the period that began at {@code fireTime}
   * (Quartz {@code fired} it then, or later: a late firing stands for the latest period that
   * began, and {@code missed} periods before it had no run of their own): backs up its devices
   * from the current inventory. In cluster mode the period names the run, so one firing is one
   * run however many nodes see it.
   */
  void runScheduled(ScheduleKey key, java.util.Date fireTime, int missed, java.util.Date fired) {
    List<Device> devices = ScheduleKey.split(patina.inventory().devices(), patina.config().schedule()).get(key);
    if (devices == null || devices.isEmpty()) return;
    if (fired != null && !fired.equals(fireTime)) {
      log("schedule %s: fired late, at %s, as the run of %s%s (the run before it outlasted its period, or no node "
          + "could fire it in time)", key.jobName(), fired.toInstant(), fireTime.toInstant(), missed == 0 ? ""
          : "; " + missed + (missed == 1 ? " earlier period had no run of its own" : " earlier periods had no run of "
              + "their own"));
    }
    synchronized (scheduledNow) {
      devices.forEach(d -> scheduledNow.merge(d.name(), 1, Integer::sum));
    }
    try {
      RunRequest request = RunRequest.of(devices, "schedule " + key.group());
      if (cluster != null) {
        Instant at = fireTime == null ? Instant.now() : fireTime.toInstant();
        cluster.runAsOwner(dev.patina.cluster.ClusterNode.runId(at, key.group()), request, missed);
      } else {
        run(request);
      }
    } catch (Exception e) {
      log("run %s failed: %s", key.group(), e);
    } finally {
      synchronized (scheduledNow) {
        devices.forEach(d -> scheduledNow.computeIfPresent(d.name(), (n, c) -> c == 1 ? null : c - 1));
        scheduledNow.notifyAll();
      }
    }
  }

  /**
   * Backs up one device now for {@code patina backup} run beside the service (see
   * {@link dev.patina.app.cli.ControlChannel}), through {@link #run(RunRequest, RunPipeline.Progress)}.
   */
  public RunResult backupNow(String deviceName, boolean mail, RunPipeline.Progress progress) throws Exception {
    Patina current = patina;
    Device device = current.inventory().device(deviceName).orElseThrow(() -> new IllegalArgumentException(
        "no device \"" + deviceName + "\" in " + current.config().inventory() + " (as the service last read it)"));
    RunRequest request = RunRequest.of(List.of(device), "patina backup " + deviceName + " (via the service)");
    return run(mail ? request : request.withoutMail(), progress);
  }

  /** {@link #run(RunRequest, RunPipeline.Progress)} without progress. */
  public RunResult run(RunRequest request) throws Exception {
    return run(request, RunPipeline.Progress.NONE);
  }

  /**
   * Runs {@code request} now, beside the schedules: with the current configuration, this
   * service's slots, commit lock and stop request, under the repository lock the service holds.
   * The entry point for "back up now" and change triggers; the run is logged like a scheduled one.
   */
  public RunResult run(RunRequest request, RunPipeline.Progress progress) throws Exception {
    if (cluster != null) { // the devices are backed up by the nodes of their zones; this node owns the run
      String id = dev.patina.cluster.ClusterNode.runId(Instant.now(),
          patina.config().cluster().node() + "-" + runsHere.incrementAndGet());
      RunResult result = cluster.runAsOwner(id, request, 0);
      if (result == null) {
        throw new IllegalStateException("run " + id + " was taken over by another node before it finished here; "
            + "its result is in that node's log");
      }
      return result;
    }
    RunResult result = patina.pipeline(shared).run(request, progress);
    report(result, request.trailers());
    return result;
  }

  /** Logs a run's result and tells {@code onRun}; {@code trailers} of its request are logged with it. */
  private void report(RunResult result, List<String> trailers) {
    log("run %s: %s", result.trigger(), result.summary());
    trailers.forEach(t -> log("  %s", t));
    if (changes != null) log("  %s", changes.counters().describe());
    result.failed().forEach(f -> log("  failed %s: %s: %s", f.device().name(), f.kind().label(), f.reason()));
    result.events().forEach(e -> log("  %s %s", e.severity(), e.message()));
    result.warnings().forEach(w -> log("  warning %s", w));
    result.mail().ifPresent(m -> {
      m.problems().forEach(p -> log("  mail: %s", p));
      if (m.worthTelling()) log("  mail: %s", m.describe());
    });
    onRun.accept(result);
  }

  /**
   * Where the web UI reads runs and events: the cluster database in cluster mode (the runs of
   * every node), else null (the run log beside the repository).
   */
  public dev.patina.store.RunHistory runHistory() {
    return cluster == null ? null : cluster.history();
  }

  /** Where the web UI reads failures in a row: the cluster database in cluster mode, else null (the status file). */
  public dev.patina.web.Fleet.StatusSource failureCounts() {
    if (cluster == null) return null;
    dev.patina.cluster.ClusterHistory history = cluster.history();
    return () -> dev.patina.store.RunStatus.of(history.failureCounts());
  }

  /** The repository folder, where the control socket lives beside patina.lock. */
  public Path repositoryDir() throws dev.patina.store.StoreException {
    return patina.store().dir();
  }

  /** The configuration in force (the last one loaded or reloaded). */
  public Patina patina() {
    return patina;
  }

  /** Re-reads patina.yaml and the inventory; a broken one is refused and the running one kept. */
  public void reload() {
    try {
      Patina next = Patina.load(configFile);
      if (cluster != null) cluster.checkReload(next); // a secret key other than the cluster's is refused
      Patina old = patina;
      patina = next;
      if (cluster != null) cluster.registered(next);
      if (next.config().concurrency() != old.config().concurrency()) shared = shared.withSlots(next.config().concurrency());
      log("reloaded %s: %d devices", next.config().inventory(), next.inventory().devices().size());
      if (changes != null) {
        changes.devices(next.inventory().devices(), this::rules);
        if (!java.util.Objects.equals(next.config().changes(), old.config().changes())) {
          log("changes: the changes: section differs; listeners keep their addresses until a restart");
        }
      }
      schedule();
    } catch (Exception e) {
      log("reload refused, still running the previous configuration:%n%s", e.getMessage());
    }
  }

  /** Fires every schedule now, once (for {@code serve --run-now} and tests). */
  public void triggerAll() throws SchedulerException {
    for (var key : scheduler.getJobKeys(org.quartz.impl.matchers.GroupMatcher.anyGroup())) {
      scheduler.triggerJob(key);
    }
  }

  /**
   * Stops: no new runs; runs in flight let their devices finish for up to {@code grace},
   * commit what completed; then the lock is released.
   */
  public void shutdown(Duration grace) {
    try {
      log("stopping: waiting up to %d s for devices in flight", grace.toSeconds());
      scheduler.standby();
      shared.stop().request(grace);
      if (changes != null) changes.close();
      scheduler.shutdown(true);
      if (cluster != null) cluster.close();
    } catch (SchedulerException e) {
      log("scheduler shutdown: %s", e.getMessage());
    } finally {
      close();
      log("stopped");
    }
  }

  @Override
  public synchronized void close() {
    try {
      if (lock != null) lock.close();
    } catch (Exception e) {
      log("releasing the repository lock: %s", e.getMessage());
    }
    lock = null;
    if (patina != null) patina.close();
  }

  private void log(String format, Object... args) {
    log.println(Instant.now().toString().substring(0, 19) + "Z " + String.format(format, args));
    log.flush();
  }
}
