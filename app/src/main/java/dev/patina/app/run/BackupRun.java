package dev.patina.app.run;

import dev.patina.inventory.Device;
import dev.patina.store.CommitInfo;
import dev.patina.store.RepoStore;
import dev.patina.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One fleet run: every device backed up in parallel on virtual threads (at most as many at
 * once as the shared slot pool allows), each under a hard time limit that frees its slot
 * whatever the library below does; then one commit for everything that changed. A failing
 * device never stops the others and leaves its last good version in git.
 */
public final class BackupRun {
  /** Told about each device as it finishes; called one call at a time. */
  public interface Progress {
    void started(int total);

    void finished(DeviceResult result, int done, int total);

    Progress NONE = new Progress() {
      @Override public void started(int total) {}

      @Override public void finished(DeviceResult result, int done, int total) {}
    };
  }

  private final DeviceBackup backup;
  private final RepoStore store;
  private final Semaphore slots;
  private final Duration defaultDeviceLimit;
  private final Function<RunResult, StateEventHook.Report> events;
  private final Object commitLock;
  private final String pushRemote;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private volatile Duration stopGrace = Duration.ZERO;

  /**
   * @param slots the global concurrency bound, shared by runs that go on at the same time
   * @param commitLock serialises the commits of runs in one process (the file lock keeps other processes out)
   * @param pushRemote where to push after a commit, or null
   */
  public BackupRun(DeviceBackup backup, RepoStore store, Semaphore slots, Duration defaultDeviceLimit,
      Function<RunResult, StateEventHook.Report> events, Object commitLock, String pushRemote) {
    this.pushRemote = pushRemote;
    this.backup = backup;
    this.store = store;
    this.slots = slots;
    this.defaultDeviceLimit = defaultDeviceLimit;
    this.events = events;
    this.commitLock = commitLock;
  }

  /**
   * Asks a run in progress to stop: no new device starts; devices in flight get {@code grace}
   * to finish, then are reported as stopped; what completed is still committed.
   */
  public void stop(Duration grace) {
    stopGrace = grace;
    stopRequested.countDown();
  }

  private boolean stopping() {
    return stopRequested.getCount() == 0;
  }

  /** Backs up {@code devices} and commits the changes; the caller holds the repository lock. */
  public RunResult run(List<Device> devices, Progress progress) throws StoreException, InterruptedException {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    RepoStore.HeadView head = store.headView(); // once per run; runs of other groups touch other devices
    Map<String, DeviceResult> results = new Tracker(devices, progress, head).runAll();
    List<DeviceResult> ordered = new ArrayList<>(devices.size());
    for (Device d : devices) ordered.add(results.get(d.name()));
    RunResult partial = new RunResult(started, Duration.ZERO, ordered, List.of(), List.of(), Optional.empty());
    StateEventHook.Report state = events.apply(partial);
    List<RunEvent> runEvents = state.events();
    Optional<String> commit;
    List<String> warnings = new ArrayList<>(state.warnings());
    String retagged = DeviceBackup.retaggedWarning(ordered);
    if (retagged != null) warnings.add(retagged);
    synchronized (commitLock) {
      commit = commit(partial, runEvents);
      if (commit.isPresent()) maintain(warnings);
    }
    return new RunResult(started, Duration.ofNanos(System.nanoTime() - t0), ordered, runEvents, warnings,
        commit);
  }

  /** One device being backed up: completes once, by its worker, its watchdog or a stop. */
  private record InFlight(Device device, Thread worker, Runnable release) {}

  /** The bookkeeping of one run: results, slots, watchdogs, progress. */
  private final class Tracker {
    private final List<Device> devices;
    private final Progress progress;
    private final Map<String, DeviceResult> results = new ConcurrentHashMap<>();
    private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
    private final CountDownLatch remaining;
    private final AtomicInteger done = new AtomicInteger();
    private final RepoStore.HeadView head;

    Tracker(List<Device> devices, Progress progress, RepoStore.HeadView head) {
      this.devices = devices;
      this.progress = progress;
      this.head = head;
      this.remaining = new CountDownLatch(devices.size());
    }

    Map<String, DeviceResult> runAll() throws InterruptedException {
      progress.started(devices.size());
      ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "patina-watchdog");
        t.setDaemon(true);
        return t;
      });
      try {
        for (Device device : devices) {
          if (!acquire()) {
            complete(device, new DeviceResult.Failed(device, Duration.ZERO, "stopped",
                "not started: patina is shutting down; previous version kept"));
            continue;
          }
          start(device, watchdog);
        }
        awaitOrStop();
      } finally {
        watchdog.shutdownNow();
      }
      return results;
    }

    private void start(Device device, ScheduledExecutorService watchdog) {
      AtomicBoolean released = new AtomicBoolean();
      Runnable release = () -> {
        if (released.compareAndSet(false, true)) slots.release();
      };
      long startNanos = System.nanoTime();
      Thread worker = Thread.ofVirtual().name("device-" + device.name()).unstarted(() -> {
        try {
          complete(device, backupOne(device, head));
        } finally {
          release.run();
        }
      });
      inFlight.put(device.name(), new InFlight(device, worker, release));
      worker.start();
      Duration limit = device.timeout() != null ? device.timeout() : defaultDeviceLimit;
      watchdog.schedule(() -> abandon(device.name(), new DeviceResult.Failed(device,
          Duration.ofNanos(System.nanoTime() - startNanos), "timeout",
          "no complete backup within the device time limit of " + human(limit) + "; stopped, previous version kept")),
          limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Completes a device that has not finished by itself, interrupts its worker, frees its slot. */
    private void abandon(String name, DeviceResult.Failed why) {
      InFlight f = inFlight.get(name);
      if (f != null && complete(f.device(), why)) {
        f.worker().interrupt();
        f.release().run();
      }
    }

    private boolean complete(Device device, DeviceResult r) {
      if (results.putIfAbsent(device.name(), r) != null) return false;
      inFlight.remove(device.name());
      synchronized (this) {
        progress.finished(r, done.incrementAndGet(), devices.size());
      }
      remaining.countDown();
      return true;
    }

    /** A slot from the global pool, or false when a stop was requested while waiting. */
    private boolean acquire() throws InterruptedException {
      while (!stopping()) {
        if (slots.tryAcquire(100, TimeUnit.MILLISECONDS)) return true;
      }
      return false;
    }

    /** Waits for every device; after a stop request, at most the grace time for those in flight. */
    private void awaitOrStop() throws InterruptedException {
      while (!remaining.await(100, TimeUnit.MILLISECONDS)) {
        if (!stopping()) continue;
        if (!remaining.await(stopGrace.toMillis(), TimeUnit.MILLISECONDS)) {
          for (InFlight f : List.copyOf(inFlight.values())) {
            abandon(f.device().name(), new DeviceResult.Failed(f.device(), Duration.ZERO, "stopped",
                "interrupted by shutdown after the grace time of " + human(stopGrace) + "; previous version kept"));
          }
        }
        remaining.await();
        return;
      }
    }
  }

  private DeviceResult backupOne(Device device, RepoStore.HeadView head) {
    Map<String, String> previous;
    try {
      previous = head.readDevice(device.name());
    } catch (StoreException e) {
      return new DeviceResult.Failed(device, Duration.ZERO, "repository",
          "cannot read the last version from git: " + e.getMessage());
    }
    return backup.backup(device, previous, store::stage);
  }

  private Optional<String> commit(RunResult run, List<RunEvent> runEvents) throws StoreException {
    List<DeviceResult.Changed> changed = run.changed();
    if (changed.isEmpty()) return Optional.empty();
    Map<String, String> trees = new LinkedHashMap<>();
    for (DeviceResult.Changed c : changed) trees.put(c.device().name(), c.tree());
    Optional<CommitInfo> info = store.commitTrees(trees, CommitMessage.of(run, runEvents), null);
    return info.map(CommitInfo::id);
  }

  /** Housekeeping when due (keeps the repository small and history fast), then the push if configured. */
  private void maintain(List<String> warnings) {
    try {
      store.housekeeping();
    } catch (StoreException e) {
      warnings.add("repository housekeeping failed (the commit is safe): " + e.getMessage());
    }
    if (pushRemote == null) return;
    try {
      store.push(pushRemote);
    } catch (StoreException e) {
      warnings.add(backup.shown("push to " + pushRemote + " failed (the commit is safe, the next run pushes it): "
          + e.getMessage(), null));
    }
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    if (s < 120) return s + " s";
    return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
  }
}
