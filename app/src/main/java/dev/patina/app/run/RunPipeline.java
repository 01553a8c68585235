package dev.patina.app.run;

import dev.patina.collector.FailureKind;
import dev.patina.diff.state.StateEvent;
import dev.patina.inventory.Device;
import dev.patina.inventory.MailSettings;
import dev.patina.store.CommitInfo;
import dev.patina.store.RepoStore;
import dev.patina.store.RunLog;
import dev.patina.store.RunStatus;
import dev.patina.store.RunWriter;
import dev.patina.store.StoreException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;

/**
 * One run, top to bottom, the same for every trigger: {@code patina run} and {@code backup},
 * and in {@code serve} ({@code Service.run}) the schedules and later "back up now", a device's
 * change message, a cluster work item. What to back up and why is a {@link RunRequest}:
 * <ol>
 *   <li>back up the devices in parallel, bounded by the shared slots, each under its hard time
 *       limit ({@link ParallelBackup}); per device ({@link DeviceBackup}): collect, normalise
 *       and mask, compare with the last commit, stage what changed;
 *   <li>state events across the run's devices (bond slaves, VRRP roles, two masters);
 *   <li>one commit for everything that changed, then housekeeping and the push;
 *   <li>run status (failures in a row) and the alerts and recoveries it calls for;
 *   <li>digests, alerts and recoveries through the durable outbox;
 *   <li>a {@link RunResult} that the CLI printer, the JSON report and the service log render.
 * </ol>
 * The caller holds the repository lock ({@link RepoStore#lock}); the order of the locks below
 * it is written in {@link RunWriter}. A failing device never stops the run and keeps its last
 * good version in git.
 *
 * <p>Only step 1 differs between a single node and a cluster: where the devices are backed up
 * is a {@link Backend} ({@link #LOCAL} here, in this process; in cluster mode the nodes of each
 * device's zone, see {@code dev.patina.cluster.ClusterBackend}). Everything after it is this
 * one tail.
 */
public final class RunPipeline {
  /** Told about each device as it finishes; called one call at a time. */
  public interface Progress {
    void started(int total);

    void finished(DeviceResult result, int done, int total);

    Progress NONE = new Progress() {
      @Override public void started(int total) {}

      @Override public void finished(DeviceResult result, int done, int total) {}
    };
  }

  /**
   * A request to stop every run that shares it: no new device starts; devices in flight get the
   * grace time to finish, then are reported as stopped; what completed is still committed.
   */
  public static final class Stop {
    private final CountDownLatch requested = new CountDownLatch(1);
    private volatile Duration grace = Duration.ZERO;

    public void request(Duration grace) {
      this.grace = grace;
      requested.countDown();
    }

    public boolean requested() {
      return requested.getCount() == 0;
    }

    public Duration grace() {
      return grace;
    }
  }

  /**
   * What the runs that go on at once in one process share: the slots (the global concurrency
   * bound), the commit lock (one run commits, housekeeps and pushes at a time, also across a
   * configuration reload that opened a second {@link RepoStore}) and the stop request.
   */
  public record Shared(Semaphore slots, Object commitLock, Stop stop) {
    /** For a process that makes one run at a time ({@code patina run}, {@code backup}). */
    public static Shared of(int concurrency) {
      return new Shared(new Semaphore(concurrency), new Object(), new Stop());
    }

    /** The same commit lock and stop request with a new slot pool (after {@code concurrency} changed). */
    public Shared withSlots(int concurrency) {
      return new Shared(new Semaphore(concurrency), commitLock, stop);
    }
  }

  /**
   * Where a run's devices are backed up, and what the tail must know about a run that may have
   * been committed before (a cluster run taken over from a node that died). One per run.
   */
  public interface Backend {
    /** Backs up {@code devices} through {@code pipeline}'s means; the results in their order. */
    List<DeviceResult> backUp(List<Device> devices, RunPipeline pipeline, Progress progress)
        throws InterruptedException, StoreException;

    /**
     * Called with the commit lock held, just before committing: the commit this run already
     * has, else empty (the pipeline commits). {@link #committed} always follows.
     */
    default Optional<String> committedBefore() throws StoreException {
      return Optional.empty();
    }

    /** After the commit and the push (or the commit found by {@link #committedBefore}), the commit lock still held. */
    default void committed(Optional<String> commit, List<DeviceResult> devices, List<String> warnings) {}

    /**
     * Whether {@link #committed} pushes the commit itself (a cluster run, whose state records
     * whether the shared remote has its commit); otherwise the pipeline pushes after committing.
     */
    default boolean pushes() {
      return false;
    }

    /** Where failures in a row are counted; null for the status file beside the repository. */
    default FailureCounts.Book failureCounts() {
      return null;
    }

    /** Where the run is recorded for the runs page; null for the run log beside the repository. */
    default dev.patina.store.RunHistory history() {
      return null;
    }

    /** Where this run's mail is queued; null for the file outbox of {@code patina.yaml}. */
    default MailQueue mailQueue(dev.patina.notify.MailSender sender) {
      return null;
    }
  }

  /** Every device in this process, in parallel ({@link ParallelBackup}), compared with HEAD as the run starts. */
  public static final Backend LOCAL = (devices, pipeline, progress) -> {
    RepoStore.HeadView head = pipeline.store.headView(); // once per run; runs of other groups touch other devices
    return new ParallelBackup(devices, device -> pipeline.backupOne(device, head), progress,
        pipeline.shared.slots(), pipeline.shared.stop(), pipeline.deviceLimit).runAll();
  };

  private final DeviceBackup backup;
  private final RepoStore store;
  private final Shared shared;
  private final Duration deviceLimit;
  private final String pushRemote;
  private final MailSettings mail;
  private final RunMail mailer;

  /**
   * @param deviceLimit a device's hard time limit unless the inventory gives it one
   * @param pushRemote where to push after a commit, or null
   * @param mail the {@code mail:} settings, or null for no mail
   */
  public RunPipeline(DeviceBackup backup, RepoStore store, Shared shared, Duration deviceLimit, String pushRemote,
      MailSettings mail, Path outbox) {
    this.backup = backup;
    this.store = store;
    this.shared = shared;
    this.deviceLimit = deviceLimit;
    this.pushRemote = pushRemote;
    this.mail = mail;
    this.mailer = mail == null ? null : new RunMail(mail, outbox);
  }

  /** Runs the request to the end in this process; the caller holds the repository lock. */
  public RunResult run(RunRequest request, Progress progress) throws StoreException, InterruptedException {
    return run(request, progress, LOCAL);
  }

  /** Runs the request to the end with its devices backed up by {@code backend}; the caller holds the repository lock. */
  public RunResult run(RunRequest request, Progress progress, Backend backend)
      throws StoreException, InterruptedException {
    Instant started = Instant.now();
    long t0 = System.nanoTime();

    // 1. every device: collect -> normalise/mask -> compare -> stage (here in parallel, or by the cluster)
    List<DeviceResult> devices = backend.backUp(request.devices(), this, progress);

    // 2. state events across the run's devices
    RunStateEvents.Found state = RunStateEvents.find(devices);
    List<StateEvent> events = state.events();
    List<String> warnings = new ArrayList<>(state.warnings());
    String retagged = DeviceBackup.retaggedWarning(devices);
    if (retagged != null) warnings.add(retagged);

    // 3. one commit, then housekeeping and push. Lock order: the repository lock (held by the
    //    caller) -> this commit lock -> RunWriter's monitor -> its staging lock -> the run pack's
    //    lock (see RunWriter).
    Optional<String> commit;
    Duration commitTook;
    synchronized (shared.commitLock()) {
      long c0 = System.nanoTime();
      Optional<String> before = backend.committedBefore();
      commit = before.isPresent() ? before : commit(devices, events, request);
      commitTook = Duration.ofNanos(System.nanoTime() - c0); // the commit alone, for /metrics
      if (commit.isPresent() && before.isEmpty()) maintain(warnings, !backend.pushes());
      backend.committed(commit, devices, warnings);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - t0);

    // 4. run status, and the alerts and recoveries it calls for
    FailureAlerts.Outcome alerts = recordStatus(devices, started, warnings, backend.failureCounts());

    // 5. digests, alerts and recoveries through the outbox
    Optional<MailOutcome> mailed = request.mail() && mailer != null
        ? Optional.of(mailer.send(started, took, commit, devices, events, warnings, alerts, why(request), backend))
        : Optional.empty();

    // 6. the run and its events in the run log (runs page, API), beside the repository
    recordHistory(request.trigger(), started, took, devices, events, commit, warnings, backend.history());

    // 7. the result every front end renders
    return new RunResult(request.trigger(), started, took, devices, events, warnings, commit, mailed,
        commit.isPresent() ? commitTook : Duration.ZERO);
  }

  /** The repository this pipeline commits to. */
  public RepoStore store() {
    return store;
  }

  /** The per-device chain. */
  public DeviceBackup deviceBackup() {
    return backup;
  }

  /** The slots, commit lock and stop request this pipeline shares with the other runs of its process. */
  public Shared shared() {
    return shared;
  }

  /** A device's hard time limit unless the inventory gives it one. */
  public Duration deviceLimit() {
    return deviceLimit;
  }

  /** The last stage for a device collected elsewhere: compare with {@code base} (its version there) and stage. */
  public DeviceResult compare(DeviceBackup.Collected collected, RepoStore.HeadView base) {
    Map<String, String> previous;
    try {
      previous = base.readDevice(collected.device().name());
    } catch (StoreException e) {
      return new DeviceResult.Failed(collected.device(), collected.took(), FailureKind.REPOSITORY,
          "cannot read the last version from git: " + e.getMessage());
    }
    return backup.compare(collected, previous, store.writer()::stage);
  }

  /** One device: its last committed version, then the chain of {@link DeviceBackup}. */
  private DeviceResult backupOne(Device device, RepoStore.HeadView head) {
    Map<String, String> previous;
    try {
      previous = head.readDevice(device.name());
    } catch (StoreException e) {
      return new DeviceResult.Failed(device, Duration.ZERO, FailureKind.REPOSITORY,
          "cannot read the last version from git: " + e.getMessage());
    }
    // staged into the pack shared by every run of this process; whichever commits first writes it out
    return backup.backup(device, previous, store.writer()::stage);
  }

  /** What the digest says about why this run happened: the trailers (who), then the notes (the messages). */
  private static List<String> why(RunRequest request) {
    List<String> why = new ArrayList<>(request.trailers());
    request.notes().forEach(n -> why.add(n));
    return why;
  }

  private Optional<String> commit(List<DeviceResult> devices, List<StateEvent> events, RunRequest request)
      throws StoreException {
    Map<String, String> trees = new LinkedHashMap<>();
    for (DeviceResult r : devices) {
      if (r instanceof DeviceResult.Changed c) trees.put(c.device().name(), c.tree());
    }
    if (trees.isEmpty()) return Optional.empty();
    Optional<CommitInfo> info = store.writer().commitTrees(trees, CommitMessage.of(devices, events, request.notes(), request.trailers()), null);
    return info.map(CommitInfo::id);
  }

  /** Housekeeping when due (keeps the repository small and history fast), then the push if configured. */
  private void maintain(List<String> warnings, boolean push) {
    try {
      store.writer().housekeeping();
    } catch (StoreException e) {
      warnings.add("repository housekeeping failed (the commit is safe): " + e.getMessage());
    }
    if (pushRemote == null || !push) return;
    try {
      store.push(pushRemote);
    } catch (StoreException e) {
      warnings.add(backup.shown("push to " + pushRemote + " failed (the commit is safe, the next run pushes it): "
          + e.getMessage(), null));
    }
  }

  /** Appends the run to the run log; a failure to do so is a warning, not a failed run. */
  private void recordHistory(String trigger, Instant started, Duration took, List<DeviceResult> devices,
      List<StateEvent> events, Optional<String> commit, List<String> warnings, dev.patina.store.RunHistory history) {
    int changed = 0;
    int added = 0;
    int unchanged = 0;
    List<String> failed = new ArrayList<>();
    for (DeviceResult r : devices) {
      switch (r) {
        case DeviceResult.Changed c -> {
          if (c.isNew()) added++;
          else changed++;
        }
        case DeviceResult.Unchanged u -> unchanged++;
        case DeviceResult.Failed f -> failed.add(f.device().name());
      }
    }
    Instant at = started.plus(took);
    List<RunLog.Event> found = events.stream()
        .map(e -> new RunLog.Event(at, e.device(), e.severity().name(), e.message())).toList();
    try {
      (history != null ? history : store.runLog()).append(new RunLog.Run(started, took, trigger, changed, added, unchanged, failed.size(),
          commit.orElse(null), failed), found);
    } catch (StoreException e) {
      warnings.add("the run log was not written (the commit is safe): " + e.getMessage());
    }
  }

  /** Records each device's outcome beside the repository; a failure to do so is a warning, not a failed run. */
  private FailureAlerts.Outcome recordStatus(List<DeviceResult> devices, Instant now, List<String> warnings,
      FailureCounts.Book book) {
    int alertAfter = mail == null ? 3 : mail.alertAfterFailures();
    if (book != null) {
      try {
        return book.update(devices.stream().map(r -> r.device().name()).toList(),
            counts -> FailureAlerts.update(counts, devices, now, alertAfter));
      } catch (StoreException e) {
        warnings.add("cannot record this run's outcome in the failure counts: " + e.getMessage());
        return FailureAlerts.Outcome.NONE;
      }
    }
    try {
      RunStatus status = store.status();
      String recovered = status.takeRecovery();
      if (recovered != null) warnings.add(recovered);
      FailureAlerts.Outcome outcome;
      synchronized (status) {
        outcome = FailureAlerts.update(FailureCounts.of(status), devices, now, alertAfter);
        status.save();
      }
      return outcome;
    } catch (StoreException e) {
      warnings.add("cannot record this run's outcome in the run status: " + e.getMessage());
      return FailureAlerts.Outcome.NONE;
    }
  }
}
