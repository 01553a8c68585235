package dev.patina.app.serve;

import dev.patina.app.Patina;
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
 * once; holds the repository lock for its life; reloads on request; stops gracefully.
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
    Properties props = new Properties();
    props.setProperty("org.quartz.scheduler.instanceName", "patina");
    props.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    props.setProperty("org.quartz.threadPool.threadCount", "16");
    props.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    // a run that is late by more than this fires once (FireAndProceed), never in a burst
    props.setProperty("org.quartz.jobStore.misfireThreshold", "1000");
    s.scheduler = new StdSchedulerFactory(props).getScheduler();
    s.scheduler.getContext().put(GroupRunJob.SERVICE, s);
    s.schedule();
    s.scheduler.start();
    return s;
  }

  private synchronized void schedule() throws SchedulerException {
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

  /** Called by the job of {@code key}: backs up its devices from the current inventory. */
  void runScheduled(ScheduleKey key) {
    List<Device> devices = ScheduleKey.split(patina.inventory().devices(), patina.config().schedule()).get(key);
    if (devices == null || devices.isEmpty()) return;
    try {
      run(RunRequest.of(devices, "schedule " + key.group()));
    } catch (Exception e) {
      log("run %s failed: %s", key.group(), e);
    }
  }

  /**
   * Runs {@code request} now, beside the schedules: with the current configuration, this
   * service's slots, commit lock and stop request, under the repository lock the service holds.
   * The entry point for "back up now" and change triggers; the run is logged like a scheduled one.
   */
  public RunResult run(RunRequest request) throws Exception {
    RunResult result = patina.pipeline(shared).run(request, RunPipeline.Progress.NONE);
    log("run %s: %s", result.trigger(), result.summary());
    result.failed().forEach(f -> log("  failed %s: %s: %s", f.device().name(), f.kind().label(), f.reason()));
    result.events().forEach(e -> log("  %s %s", e.severity(), e.message()));
    result.warnings().forEach(w -> log("  warning %s", w));
    result.mail().ifPresent(m -> {
      m.problems().forEach(p -> log("  mail: %s", p));
      if (m.worthTelling()) log("  mail: %s", m.describe());
    });
    onRun.accept(result);
    return result;
  }

  /** Re-reads patina.yaml and the inventory; a broken one is refused and the running one kept. */
  public void reload() {
    try {
      Patina next = Patina.load(configFile);
      Patina old = patina;
      patina = next;
      if (next.config().concurrency() != old.config().concurrency()) shared = shared.withSlots(next.config().concurrency());
      log("reloaded %s: %d devices", next.config().inventory(), next.inventory().devices().size());
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
      scheduler.shutdown(true);
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
