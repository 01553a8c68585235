package dev.patina.cluster;

import dev.patina.app.run.DeviceBackup;
import dev.patina.app.run.DeviceResult;
import dev.patina.app.run.MailQueue;
import dev.patina.app.run.RunPipeline;
import dev.patina.collector.FailureKind;
import dev.patina.collector.Model;
import dev.patina.inventory.Device;
import dev.patina.notify.MailSender;
import dev.patina.store.RepoStore;
import dev.patina.store.StoreException;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Step 1 of a cluster run, for the node that owns it: the nodes of each device's zone claim
 * and collect the run's work items ({@link ClusterWorker}); the owner waits until none is open
 * (failing those of a zone without a live node after a bound), then, in its turn to write git,
 * starts from the shared remote and compares each result with the device's last version. If
 * the remote already has this run's commit (the run was taken over after its first owner
 * committed), the results are compared with that commit's parent and the pipeline does not
 * commit again. A run finished late never puts its older versions on top of what runs created
 * after it have committed ({@link #superseded}).
 */
final class ClusterBackend implements RunPipeline.Backend, AutoCloseable {
  /** The run is no longer this node's (taken over); it stops without writing anything. */
  static final class RunLost extends RuntimeException {
    RunLost(String message) {
      super(message);
    }
  }

  private final ClusterNode node;
  private final String runId;
  private final int epoch;
  private final String remote;
  private final Function<String, Model> models;
  private ClusterRuns.CommitTurn turn;
  private Optional<String> found = Optional.empty();
  private String syncWarning;
  /** Devices whose change this run found but newer runs have committed since: not committed by this one. */
  private final List<String> superseded = new ArrayList<>();

  private RepoStore store;

  ClusterBackend(ClusterNode node, String runId, int epoch, String remote, Function<String, Model> models) {
    this.node = node;
    this.runId = runId;
    this.epoch = epoch;
    this.remote = remote;
    this.models = models;
  }

  /** The commit-message line that names the run. */
  static String trailer(String runId) {
    return "Patina-Run: " + runId;
  }

  /**
   * Waits for the run's items, comparing each result as it arrives with HEAD as the run started
   * (on every core, as a single node does while it collects); then, in the turn to write git,
   * after following the remote, compares again only if the base is not that HEAD any more.
   */
  @Override
  public List<DeviceResult> backUp(List<Device> devices, RunPipeline pipeline, RunPipeline.Progress progress)
      throws InterruptedException, StoreException {
    progress.started(devices.size());
    RepoStore store = pipeline.store();
    this.store = store;
    RepoStore.HeadView early = store.headView();
    Map<String, Device> named = new HashMap<>();
    devices.forEach(d -> named.put(d.name(), d));
    Map<String, ClusterRuns.Item> byDevice = new HashMap<>();
    Map<String, Future<DeviceResult>> compared = new HashMap<>();
    ExecutorService cores = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    try {
      awaitItems(pipeline.shared().stop(), item -> {
        byDevice.put(item.device(), item);
        Device d = named.get(item.device());
        if (d != null) compared.put(d.name(), cores.submit(() -> result(d, item, early, pipeline)));
      }, byDevice.keySet());
      turn = node.retrying("wait for the turn to write git", () -> node.runs().commitTurn());
      if (!node.retrying("check the owner of run " + runId, () -> node.runs().owns(runId, epoch))) {
        throw new RunLost("run " + runId + " was taken over by another node");
      }
      syncWarning = store.syncFrom(remote);
      found = store.findCommitWithLine(trailer(runId), 1000);
      RepoStore.HeadView base = found.isPresent() ? store.viewBefore(found.get()) : store.headView();
      boolean sameBase = found.isEmpty() && Objects.equals(base.commit(), early.commit());
      Map<String, String> newer = found.isPresent() ? Map.of() : committedByNewerRuns(base);
      List<Future<DeviceResult>> pending = new ArrayList<>(devices.size());
      for (Device d : devices) {
        Future<DeviceResult> early1 = sameBase ? compared.get(d.name()) : null;
        pending.add(early1 != null ? early1 : cores.submit(() -> result(d, byDevice.get(d.name()), base, pipeline)));
      }
      List<DeviceResult> results = new ArrayList<>(devices.size());
      for (Future<DeviceResult> f : pending) {
        DeviceResult r;
        try {
          r = f.get();
        } catch (ExecutionException e) {
          throw new IllegalStateException("comparing a device of run " + runId + ": " + e.getCause(), e.getCause());
        }
        String run = newer.get(r.name());
        if (run != null && r instanceof DeviceResult.Changed c) {
          r = superseded(c, run);
          superseded.add(r.name());
        }
        results.add(r);
        progress.finished(r, results.size(), devices.size());
      }
      return results;
    } finally {
      cores.shutdownNow();
    }
  }

  private DeviceResult result(Device d, ClusterRuns.Item item, RepoStore.HeadView base, RunPipeline pipeline) {
    if (item == null) {
      return new DeviceResult.Failed(d, Duration.ZERO, FailureKind.INTERNAL, "no work item in run " + runId);
    }
    if (item.result() == null) { // failed without a result: no live node in its zone, or not in its inventory
      return new DeviceResult.Failed(d, Duration.ZERO, FailureKind.CONNECT, item.outcome());
    }
    CollectedCodec.Result recorded;
    try {
      recorded = CollectedCodec.decode(item.result(), d, models);
    } catch (IOException e) {
      return new DeviceResult.Failed(d, Duration.ZERO, FailureKind.INTERNAL, "the result node " + item.node()
          + " recorded cannot be read: " + e.getMessage());
    }
    return switch (recorded) {
      case CollectedCodec.Full(DeviceBackup.NotCollected n) -> n.failure();
      case CollectedCodec.Full(DeviceBackup.Collected c) -> pipeline.compare(c, base);
      case CollectedCodec.SameTree same -> sameTree(d, same, base, pipeline);
    };
  }

  /**
   * A device whose node found it as it was in this repository when the run was created (tree
   * X): unchanged if {@code base} still has X for it, with its state documents read from there
   * (all an unchanged result needs). If the base moved since and has another tree for it, the
   * artifacts of X are read here (X was HEAD at the run's creation) and compared as a single node
   * compares them, so the commit is the same.
   */
  private DeviceResult sameTree(Device d, CollectedCodec.SameTree same, RepoStore.HeadView base,
      RunPipeline pipeline) {
    try {
      if (same.tree().equals(base.tree(d.name()))) {
        // the state documents (state/...), as DeviceBackup keeps them from an unchanged device's artifacts
        return new DeviceResult.Unchanged(d, same.took(), base.readFolder(d.name(), "state"), same.notes());
      }
    } catch (StoreException e) {
      return new DeviceResult.Failed(d, same.took(), FailureKind.REPOSITORY,
          "cannot read the last version from git: " + e.getMessage());
    }
    Map<String, String> artifacts;
    try {
      artifacts = pipeline.store().readTree(same.tree());
    } catch (StoreException e) {
      // only if the run was created on a node whose commit never reached the shared remote
      return new DeviceResult.Failed(d, same.took(), FailureKind.REPOSITORY, "collected unchanged from run "
          + runId + "'s start, but this node's repository lacks that version (" + e.getMessage()
          + "); the next run backs the device up in full");
    }
    Model model = same.modelName() == null ? null : models.apply(same.modelName());
    return pipeline.compare(new DeviceBackup.Collected(d, model, same.modelName(), artifacts, same.notes(),
        same.took()), base);
  }

  /**
   * Device to run, for the devices that runs created after this one have committed since (in
   * {@code base}'s history, the newest such run per device): this run's results for them are
   * older than what is committed. Empty, after one query, when no newer run committed anything,
   * as for every run that finishes in its turn.
   */
  private Map<String, String> committedByNewerRuns(RepoStore.HeadView base)
      throws InterruptedException, StoreException {
    List<String> runs = node.retrying("look for runs newer than " + runId,
        () -> node.runs().committedAfter(runId));
    if (runs.isEmpty()) return Map.of();
    Map<String, java.util.SortedSet<String>> changed = base.devicesChangedBy(
        runs.stream().map(ClusterBackend::trailer).toList(), 1000);
    Map<String, String> byDevice = new HashMap<>();
    for (String run : runs) { // newest first: a device keeps the newest run that committed it
      changed.getOrDefault(trailer(run), java.util.Collections.emptySortedSet())
          .forEach(device -> byDevice.putIfAbsent(device, run));
    }
    return byDevice;
  }

  /**
   * A change this run found that a newer run has committed over since: reported unchanged, with
   * why, instead of putting the older version on top (the next run would flip it back, and the
   * digest and history would show two changes that never happened).
   */
  private DeviceResult superseded(DeviceResult.Changed c, String newerRun) {
    List<String> notes = new ArrayList<>(c.notes());
    notes.add("superseded: run " + newerRun + ", started after this one, has already committed a newer version; "
        + "this run's older result is not committed");
    return new DeviceResult.Unchanged(c.device(), c.took(), c.previousState(), notes);
  }

  /** The run's warning when it left devices to newer runs ({@link #superseded}), else null. */
  private String supersededWarning() {
    List<String> names = superseded;
    if (names.isEmpty()) return null;
    return "run " + runId + " finished late (taken over, or committed again after a failed push): " + names.size()
        + " device(s) not committed because newer runs have committed them since (" + String.join(", ",
        names.subList(0, Math.min(10, names.size()))) + (names.size() > 10 ? ", ..." : "") + ")";
  }

  /**
   * Waits until no item of the run is open, handing each finished one to {@code arrived} once
   * ({@code seen} are those handed over); fails a zone's items when no live node collects it.
   */
  private void awaitItems(RunPipeline.Stop stop, java.util.function.Consumer<ClusterRuns.Item> arrived,
      java.util.Set<String> seen) throws InterruptedException {
    Duration poll = node.poll();
    long stopping = 0;
    // Results are read at every poll; whether a zone has no live node and whether this node still
    // owns the run change at check-ins only, so they are asked once per check-in (the commit asks
    // about ownership again in its turn).
    long checkIn = node.settings().checkIn().toNanos();
    long judged = System.nanoTime() - checkIn;
    // the first poll reads every finished item (this node may have taken the run over from one
    // that took some); later ones only those this epoch has not taken, unless a poll failed
    boolean all = true;
    int total = -1; // the run's items, counted once
    java.util.Set<String> zones = null; // the zones of the run's items, read once
    java.util.function.Consumer<ClusterRuns.Item> once = item -> {
      if (!seen.contains(item.device())) arrived.accept(item);
    };
    while (true) {
      if (stop.requested()) { // this node stops: its devices may wait for the grace time, then the run is handed on
        if (stopping == 0) stopping = System.nanoTime();
        if (System.nanoTime() - stopping > stop.grace().toNanos()) {
          throw new RunLost("this node is stopping; run " + runId + " is left to the other nodes, which take it over");
        }
      }
      int open;
      try {
        boolean judge = System.nanoTime() - judged >= checkIn;
        if (judge && node.mayJudgeOthers()) {
          if (zones == null) zones = node.runs().zones(runId);
          node.queue().failZonesWithoutLiveNode(zones, node.settings().liveness(), node.settings().liveness());
        }
        node.runs().finished(runId, epoch, all).forEach(once);
        // open: those not handed over yet; counting the open items in the database at each poll
        // visited thousands of index entries and rows per poll at 10,000 devices
        if (total < 0) total = node.runs().size(runId);
        open = total - seen.size();
        if (judge && open > 0 && !node.runs().owns(runId, epoch)) {
          throw new RunLost("run " + runId + " was taken over by another node");
        }
        if (judge) judged = System.nanoTime();
        all = false;
        node.databaseReachable();
      } catch (SQLException e) {
        all = true; // a poll that failed may have marked items as taken whose rows never reached this node
        node.databaseUnreachable(e);
        open = -1;
      }
      if (open == 0) return;
      Thread.sleep(poll.toMillis());
    }
  }

  @Override
  public Optional<String> committedBefore() {
    return found;
  }

  @Override
  public void committed(Optional<String> commit, List<DeviceResult> devices, List<String> warnings) {
    if (syncWarning != null) warnings.add(syncWarning);
    String late = supersededWarning();
    if (late != null) warnings.add(late);
    int changed = 0;
    int unchanged = 0;
    int failed = 0;
    for (DeviceResult r : devices) {
      switch (r) {
        case DeviceResult.Changed c -> changed++;
        case DeviceResult.Unchanged u -> unchanged++;
        case DeviceResult.Failed f -> failed++;
      }
    }
    int ch = changed;
    int un = unchanged;
    int fa = failed;
    String pushError = commit.isPresent() ? push(commit.get(), warnings) : null;
    try {
      boolean mine = node.retrying("record run " + runId + " as committed",
          () -> node.runs().committed(runId, epoch, commit.orElse(null), ch, un, fa, pushError));
      if (!mine) warnings.add("run " + runId + " was taken over by another node while this one committed");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeTurn();
    }
  }

  /**
   * Pushes {@code main} (with the run's commit) to the shared remote; null when it has it now,
   * else git's answer, which also goes into the run's warnings: the commit is only in this
   * node's repository until a push succeeds.
   */
  private String push(String commit, List<String> warnings) {
    if (remote == null) return null;
    try {
      store.push(remote);
      return null;
    } catch (StoreException e) {
      String node1 = node.settings().node();
      warnings.add(e.getMessage() + ". Run " + runId + "'s commit " + commit.substring(0, Math.min(10, commit.length()))
          + " is only in " + node1 + "'s repository: the run stays 'unpushed' and " + node1 + " pushes it again "
          + "every few check-ins; if " + node1 + " is lost, another node commits the run again from its results "
          + "in the database");
      return e.getMessage();
    }
  }

  @Override
  public boolean pushes() {
    return true;
  }

  @Override
  public dev.patina.app.run.FailureCounts.Book failureCounts() {
    ClusterFailureCounts counts = new ClusterFailureCounts(node.database());
    return new dev.patina.app.run.FailureCounts.Book() {
      @Override
      public <T> T update(List<String> devices, Function<dev.patina.app.run.FailureCounts, T> step)
          throws StoreException {
        try {
          return node.retrying("count run " + runId + "'s failures", () -> counts.update(runId, devices, step));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new StoreException("interrupted while counting run " + runId + "'s failures", e);
        }
      }
    };
  }

  @Override
  public dev.patina.store.RunHistory history() {
    ClusterHistory history = ClusterHistory.of(node.database(), runId);
    return new dev.patina.store.RunHistory() {
      @Override
      public void append(dev.patina.store.RunLog.Run run, List<dev.patina.store.RunLog.Event> found)
          throws StoreException {
        try {
          node.retrying("record run " + runId + " in the history", () -> {
            history.record(run, found);
            return null;
          });
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new StoreException("interrupted while recording run " + runId, e);
        }
      }

      @Override
      public List<dev.patina.store.RunLog.Run> runs(int max) throws StoreException {
        return history.runs(max);
      }

      @Override
      public List<dev.patina.store.RunLog.Event> events(String device, int max) throws StoreException {
        return history.events(device, max);
      }
    };
  }

  @Override
  public MailQueue mailQueue(MailSender sender) {
    return new ClusterMailQueue(node.outbox(), runId, sender);
  }

  private void closeTurn() {
    if (turn != null) turn.close();
    turn = null;
  }

  @Override
  public void close() {
    closeTurn();
  }
}
