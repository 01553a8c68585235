package dev.patina.cluster;

import dev.patina.app.Patina;
import dev.patina.app.run.DeviceBackup;
import dev.patina.app.run.MailQueue;
import dev.patina.app.run.RunPipeline;
import dev.patina.app.run.RunRequest;
import dev.patina.app.run.RunResult;
import dev.patina.inventory.ClusterSettings;
import dev.patina.inventory.Device;
import dev.patina.notify.FlushResult;
import dev.patina.notify.MailSender;
import dev.patina.store.RepoStore;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * This process as a node of a cluster: it checks in, collects the device work of its zones
 * ({@link ClusterWorker}), runs the triggers that fired here as their owner
 * ({@link #runAsOwner}), takes over the runs of nodes that stopped checking in, and sends what
 * the cluster's outbox holds. Its one link to the service is the current configuration and the
 * pipeline ({@link Patina}), and where results and notices go.
 */
public final class ClusterNode implements AutoCloseable {
  /** A database step that {@link #retrying} repeats while the database is unreachable. */
  @FunctionalInterface
  interface SqlCall<T> {
    T call() throws SQLException;
  }

  private final ClusterDatabase db;
  private final ClusterSettings settings;
  private final WorkQueue queue;
  private final ClusterRuns runs;
  private final ClusterOutbox outbox;
  private final Supplier<Patina> patina;
  private final Supplier<RunPipeline.Shared> shared;
  private final java.util.function.BiConsumer<RunResult, List<String>> results;
  private final Consumer<String> log;
  private final ClusterWorker worker;
  /** The check-ins alone, so that slow duties (mail, a take-over) never make a node look gone. */
  private final ScheduledExecutorService checkIns = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "patina-cluster-check-in");
    t.setDaemon(true);
    t.setPriority(Thread.MAX_PRIORITY);
    return t;
  });
  private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "patina-cluster-duties");
    t.setDaemon(true);
    return t;
  });
  /** When the database became unreachable (epoch ms), 0 while it is reachable. */
  private final AtomicLong unreachableSince = new AtomicLong();
  /** Since when the database has answered without a break (epoch ms). */
  private volatile long reachableSince = System.currentTimeMillis();
  private volatile boolean stopping;
  private volatile DeviceBackup deviceBackup;
  private volatile Patina backupFor;

  /**
   * @param results told of each run this node finished as owner (also runs it took over), with its trailers
   * @param log one line per notice
   */
  public ClusterNode(ClusterDatabase db, Supplier<Patina> patina, Supplier<RunPipeline.Shared> shared,
      java.util.function.BiConsumer<RunResult, List<String>> results, Consumer<String> log) {
    this.db = db;
    this.settings = db.settings();
    this.queue = WorkQueue.of(db, settings.lease());
    this.runs = new ClusterRuns(db);
    this.outbox = new ClusterOutbox(db, settings.lease());
    this.patina = patina;
    this.shared = shared;
    this.results = results;
    this.log = log;
    this.worker = new ClusterWorker(this);
  }

  /**
   * Checks in (the first time must succeed) with this node's fingerprints ({@link #register}),
   * then starts collecting and the periodic duties. Refused, before joining, when this node's
   * secret key is not the one the live nodes use.
   */
  public void start() throws SQLException, ClusterStartException {
    NodeFingerprint mine = fingerprint(patina.get());
    checkKey(mine, patina.get().config().secretKeyFile());
    queue.heartbeat();
    register(mine);
    worker.start();
    long every = settings.checkIn().toMillis();
    checkIns.scheduleAtFixedRate(this::checkIn, every, every, TimeUnit.MILLISECONDS);
    ticks.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    // runs recorded as this node's are from before a restart: nobody else will finish them. Taken
    // here, before start returns: once it has, this node makes runs of its own, which a later
    // look would take for leftovers and take over from itself
    adoptAll(true);
    log("cluster: node %s collects zone%s %s; database %s; check-in every %s, leases of %s",
        settings.node(), settings.zones().size() == 1 ? "" : "s", String.join(", ", settings.zones()),
        settings.url(), human(settings.checkIn()), human(settings.lease()));
  }

  private void checkIn() {
    if (stopping) return;
    try {
      queue.heartbeat();
      databaseReachable();
    } catch (SQLException e) {
      databaseUnreachable(e);
    }
  }

  /** The duties of each check-in period: stuck zones, runs of nodes that are gone, the outbox. */
  private void tick() {
    if (stopping || unreachableSince.get() != 0) return;
    if (mayJudgeOthers()) {
      try {
        java.util.Set<String> zones = new java.util.TreeSet<>();
        patina().inventory().devices().forEach(d -> zones.add(d.zone()));
        int failed = queue.failZonesWithoutLiveNode(zones, settings.liveness(), settings.liveness());
        if (failed > 0) {
          log("cluster: %d device%s failed: no live node collects their zone", failed, failed == 1 ? "" : "s");
        }
      } catch (SQLException e) {
        databaseUnreachable(e);
      }
      adoptAll(false);
    }
    flushOutbox();
    ++ticksDone;
    if (ticksDone % PUSH_AGAIN_EVERY == 0) pushAgain();
    if (ticksDone % DROP_RESULTS_EVERY == 0 && mayJudgeOthers()) {
      try {
        runs.dropResults(KEEP_RESULTS);
      } catch (SQLException e) {
        databaseUnreachable(e);
      }
    }
    if (ticksDone % FOLLOW_EVERY == 0) {
      follow();
      try {
        compareInventories();
      } catch (SQLException e) {
        databaseUnreachable(e);
      }
    }
  }

  /** Check-ins between two tries to push the commits of this node's unpushed runs. */
  private static final int PUSH_AGAIN_EVERY = 3;

  /** Runs this node is finishing now (a run is never finished twice at once here). */
  private final java.util.Set<String> finishing = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * Finishes again this node's runs whose commit the shared remote did not take: in the turn to
   * write git, the commit still on {@code main} is pushed; if the remote has moved on meanwhile,
   * the run is committed again on top of it from its results. Its mail and counts are not repeated.
   */
  private void pushAgain() {
    List<ClusterRuns.Owned> unpushed;
    try {
      unpushed = runs.unpushed();
    } catch (SQLException e) {
      databaseUnreachable(e);
      return;
    }
    for (ClusterRuns.Owned o : unpushed) {
      if (!finishing.add(o.runId())) continue;
      Thread.ofVirtual().name("push-" + o.runId()).start(() -> {
        try {
          finish(o);
        } catch (Exception e) {
          log("cluster: run %s: pushing again failed: %s", o.runId(), e);
        } finally {
          finishing.remove(o.runId());
        }
      });
    }
  }

  private static NodeFingerprint fingerprint(Patina p) throws ClusterStartException {
    try {
      return NodeFingerprint.of(p);
    } catch (java.io.IOException e) {
      throw new ClusterStartException("cannot read the secret key " + p.config().secretKeyFile() + ": "
          + e.getMessage(), e);
    }
  }

  /** What this node registered last. */
  private volatile NodeFingerprint fingerprint;
  /** The live nodes whose inventory differs from this node's, as last reported. */
  private volatile java.util.Set<String> differing = java.util.Set.of();

  /** The other live nodes' fingerprints: node -> [key id, inventory hash, inventory file, devices]. */
  private Map<String, List<String>> others() throws SQLException {
    Map<String, List<String>> out = new java.util.TreeMap<>();
    try (var c = db.connection(); var st = c.prepareStatement("SELECT node, key_id, inventory_hash, inventory_file, "
        + "devices FROM patina_nodes WHERE node <> ? AND key_id IS NOT NULL "
        + "AND last_seen > clock_timestamp() - make_interval(secs => ?)")) {
      st.setString(1, settings.node());
      st.setDouble(2, settings.liveness().toMillis() / 1000.0);
      try (var rs = st.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), List.of(rs.getString(2), String.valueOf(rs.getString(3)),
              String.valueOf(rs.getString(4)), String.valueOf(rs.getInt(5))));
        }
      }
    }
    return out;
  }

  /**
   * Refuses a secret key other than the live nodes': masked values would differ between nodes,
   * and each run owned by another node would show every masked line as changed.
   */
  private void checkKey(NodeFingerprint mine, java.nio.file.Path keyFile) throws SQLException, ClusterStartException {
    Map<String, List<String>> others = others();
    java.util.Set<String> cluster = new java.util.TreeSet<>();
    others.values().forEach(v -> cluster.add(v.get(0)));
    if (others.isEmpty() || cluster.equals(java.util.Set.of(mine.keyId()))) return;
    StringBuilder who = new StringBuilder();
    others.forEach((n, v) -> who.append(who.isEmpty() ? "" : ", ").append(n).append(" ").append(v.get(0)));
    throw new ClusterStartException("the secret key " + keyFile + " of node "
        + settings.node() + " (key id " + mine.keyId() + ") is not the cluster's (key ids of the live nodes: "
        + who + "). Masked values would differ between nodes and every run would show false changes. Copy the "
        + "key file of a running node to " + keyFile + " on " + settings.node()
        + " (the key id is a fingerprint, never the key); nothing was changed");
  }

  /**
   * Checks a configuration about to be loaded ({@code serve} reload): its secret key must be the
   * live nodes'. Throws, and the running configuration stays, when it is not.
   */
  public void checkReload(Patina next) throws ClusterStartException {
    NodeFingerprint f = fingerprint(next);
    try {
      checkKey(f, next.config().secretKeyFile());
    } catch (SQLException e) {
      databaseUnreachable(e);
    }
  }

  /** Registers the fingerprints of the configuration now in force (after start or a reload). */
  public void registered(Patina current) {
    try {
      register(fingerprint(current));
    } catch (ClusterStartException | SQLException e) {
      log("cluster: cannot register this node's fingerprints: %s", e.getMessage());
    }
  }

  private void register(NodeFingerprint mine) throws SQLException {
    try (var c = db.connection(); var st = c.prepareStatement("UPDATE patina_nodes SET key_id = ?, "
        + "inventory_hash = ?, inventory_file = ?, devices = ? WHERE node = ?")) {
      st.setString(1, mine.keyId());
      st.setString(2, mine.inventoryHash());
      st.setString(3, mine.inventoryFile());
      st.setInt(4, mine.devices());
      st.setString(5, settings.node());
      st.executeUpdate();
    }
    fingerprint = mine;
    differing = java.util.Set.of();
    compareInventories();
  }

  /**
   * Warns, naming both nodes, when a live node's parsed inventory differs from this node's (said
   * again when the set of such nodes changes). Not a refusal: during a rollout the nodes get
   * the new inventory one after the other, and each must keep backing up meanwhile.
   */
  private void compareInventories() throws SQLException {
    NodeFingerprint mine = fingerprint;
    if (mine == null) return;
    Map<String, List<String>> others = others();
    java.util.Set<String> now = new java.util.TreeSet<>();
    StringBuilder them = new StringBuilder();
    others.forEach((n, v) -> {
      if (v.get(1).equals(mine.inventoryHash())) return;
      now.add(n);
      them.append("; ").append(n).append(" read ").append(v.get(2)).append(" (").append(v.get(3))
          .append(" devices, fingerprint ").append(v.get(1)).append(")");
    });
    if (now.equals(differing)) return;
    differing = now;
    if (now.isEmpty()) {
      log("cluster: every live node reads the same inventory as %s now (fingerprint %s)", settings.node(),
          mine.inventoryHash());
      return;
    }
    log("cluster: WARNING the inventory differs between nodes: %s read %s (%d devices, fingerprint %s)%s. A run "
        + "backs up the devices of the inventory of the node that owns it, and each node adds and removes the "
        + "shared schedules by its own; give every node the same inventory and reload", settings.node(),
        mine.inventoryFile(), mine.devices(), mine.inventoryHash(), them);
  }

  /** Check-ins between two clearings of the results of done runs ({@link ClusterRuns#dropResults}). */
  private static final int DROP_RESULTS_EVERY = 60;

  /**
   * How long the results of a done run stay: nothing reads them once it is done, but a person
   * looking into a run just finished may want them (SELECT ... FROM patina_work_items).
   */
  static final Duration KEEP_RESULTS = Duration.ofHours(1);

  /** Check-ins between two {@link #follow}s. */
  private static final int FOLLOW_EVERY = 10;
  private long ticksDone;

  /**
   * Brings this node's repository up to the shared remote, so that {@code patina log}, the web
   * UI and the next comparison here see the runs other nodes committed. Under the commit lock:
   * never while this node commits.
   */
  private void follow() {
    Patina current = patina.get();
    String remote = current.config().push();
    if (remote == null) return;
    synchronized (shared.get().commitLock()) {
      try {
        String warning = current.store().syncFrom(remote);
        if (warning != null) log("cluster: %s", warning);
      } catch (Exception e) {
        log("cluster: cannot follow %s: %s", remote, e.getMessage());
      }
    }
  }

  /** Takes over and finishes, one after the other, the runs whose owner is gone (or, with {@code mine}, this node's own). */
  private void adoptAll(boolean mine) {
    java.util.Set<String> taken = new java.util.HashSet<>(); // each run once: one taken with mine stays mine
    while (!stopping) {
      Optional<ClusterRuns.Owned> run;
      try {
        run = runs.adopt(settings.liveness(), mine, taken);
      } catch (SQLException e) {
        databaseUnreachable(e);
        return;
      }
      if (run.isEmpty()) return;
      ClusterRuns.Owned o = run.get();
      taken.add(o.runId());
      log("cluster: run %s (%s) taken over by %s: %s; it was %s", o.runId(), o.trigger(), settings.node(),
          mine ? "this node owned it before it restarted" : "its owner stopped checking in", o.state());
      if (!finishing.add(o.runId())) continue; // its push is being tried again here
      Thread.ofVirtual().name("run-" + o.runId()).start(() -> {
        try {
          finish(o);
        } catch (Exception e) {
          log("cluster: run %s failed: %s", o.runId(), e);
        } finally {
          finishing.remove(o.runId());
        }
      });
    }
  }

  /** Sends what waits in the cluster's outbox (any node may; each message goes once). */
  private void flushOutbox() {
    var mail = patina.get().config().mail();
    if (mail == null) return;
    FlushResult r = ClusterMailQueue.flush(outbox, MailQueue.sender(mail));
    if (r.sent() > 0 || r.lastError() != null) {
      log("cluster: outbox: %d message%s sent%s", r.sent(), r.sent() == 1 ? "" : "s",
          r.lastError() == null ? "" : " (" + r.lastError() + ")");
    }
  }

  /**
   * Runs {@code request} as its owner: one work item per device for the nodes of its zone, then
   * the pipeline's tail here. Null when a run with this id exists (another node runs it).
   */
  public RunResult runAsOwner(String runId, RunRequest request, int missedPeriods) throws Exception {
    finishing.add(runId);
    try {
      return runAsOwnerNow(runId, request, missedPeriods);
    } finally {
      finishing.remove(runId);
    }
  }

  /** The cluster's runs and events, for the runs page and the API of this node's web UI. */
  public ClusterHistory history() {
    return new ClusterHistory(db);
  }

  private RunResult runAsOwnerNow(String runId, RunRequest request, int missedPeriods) throws Exception {
    Map<String, String> zones = new LinkedHashMap<>();
    for (Device d : request.devices()) zones.put(d.name(), d.zone());
    // each device's tree here now: a node that collects the same tree says so instead of sending it
    RepoStore.HeadView head = patina.get().store().headView();
    Map<String, String> trees = new java.util.HashMap<>();
    for (Device d : request.devices()) {
      String tree = head.tree(d.name());
      if (tree != null) trees.put(d.name(), tree);
    }
    boolean created = retrying("record run " + runId, () -> runs.create(runId, request.trigger(),
        request.trailers(), request.notes(), request.mail(), zones, trees, missedPeriods));
    if (!created) {
      log("cluster: run %s exists already (run by another node); not run here", runId);
      return null;
    }
    List<String> names = request.devices().stream().map(Device::name).toList();
    return finish(new ClusterRuns.Owned(runId, 1, request.trigger(), request.trailers(), request.notes(),
        request.mail(), names, "collecting"));
  }

  /** The owner's part of a run: wait for its items, then the pipeline's tail; logs and reports the result. */
  private RunResult finish(ClusterRuns.Owned o) throws Exception {
    Patina current = patina.get();
    List<Device> devices = new ArrayList<>();
    for (String name : o.devices()) {
      devices.add(current.inventory().device(name).orElseGet(() -> removed(name)));
    }
    RunRequest request = new RunRequest(devices, o.trigger(), o.trailers(), o.mail(), o.notes())
        .withTrailer("Patina-Run", o.runId());
    RunResult result;
    try (ClusterBackend backend = new ClusterBackend(this, o.runId(), o.epoch(), current.config().push(),
        name -> current.models().find(name).orElse(null))) {
      result = current.pipeline(shared.get()).run(request, RunPipeline.Progress.NONE, backend);
    } catch (ClusterBackend.RunLost e) {
      log("cluster: %s; this node stops working on it", e.getMessage());
      return null;
    }
    String state = retrying("record run " + o.runId() + " as done", () -> runs.finish(o.runId(), o.epoch()));
    if (state == null) {
      log("cluster: run %s was taken over by another node after this one finished it", o.runId());
    }
    boolean again = o.state().startsWith("unpushed");
    if (again && "done".equals(state)) {
      log("cluster: run %s: its commit %s is in %s now (it was %s)", o.runId(), result.commitId().orElse("(none)"),
          current.config().push(), o.state());
      return result; // reported when it ran; its mail went out then
    }
    if (again) { // still refused: said when the answer changes, kept in the database
      String before = o.state().substring("unpushed (".length(), o.state().length() - 1);
      result.warnings().stream().filter(w -> w.startsWith("push to") && !w.startsWith(before)).findFirst()
          .ifPresent(w -> log("cluster: run %s: %s", o.runId(), w));
      return result;
    }
    results.accept(result, request.trailers());
    return result;
  }

  /** Repeats {@code call} while the database is unreachable (reported once), until it answers. */
  <T> T retrying(String what, SqlCall<T> call) throws InterruptedException {
    while (true) {
      try {
        T t = call.call();
        databaseReachable();
        return t;
      } catch (SQLException e) {
        databaseUnreachable(e);
        Thread.sleep(poll().toMillis() * 4);
      }
    }
  }

  void databaseUnreachable(SQLException e) {
    if (unreachableSince.compareAndSet(0, System.currentTimeMillis())) {
      log("cluster: the database %s is unreachable (%s); device work, runs and schedules wait for it",
          settings.url(), e.getMessage());
    }
  }

  void databaseReachable() {
    long since = unreachableSince.getAndSet(0);
    if (since != 0) {
      reachableSince = System.currentTimeMillis();
      log("cluster: the database %s is reachable again after %d s", settings.url(),
          (System.currentTimeMillis() - since) / 1000);
    }
  }

  /**
   * Whether this node may judge other nodes gone by their check-ins: only once it has itself
   * reached the database for two liveness periods without a break. Right after its start or an
   * outage of the database, every node's check-in looks old, and judging then would fail zones
   * and take over runs of nodes that are alive.
   */
  boolean mayJudgeOthers() {
    return unreachableSince.get() == 0
        && System.currentTimeMillis() - reachableSince > settings.liveness().toMillis() * 2;
  }

  /** How often waiting steps look again: a tenth of the check-in, between 20 and 500 ms. */
  Duration poll() {
    long ms = Math.max(20, Math.min(500, settings.checkIn().toMillis() / 10));
    return Duration.ofMillis(ms);
  }

  /** The device chain of the current configuration (made once per configuration). */
  DeviceBackup deviceBackup() {
    Patina current = patina.get();
    if (backupFor != current) {
      synchronized (this) {
        if (backupFor != current) {
          try {
            deviceBackup = current.pipeline(shared.get()).deviceBackup();
          } catch (Exception e) {
            throw new IllegalStateException("cannot set up device backups: " + e.getMessage(), e);
          }
          backupFor = current;
        }
      }
    }
    return deviceBackup;
  }

  Duration pipelineDeviceLimit() {
    return patina.get().config().timeouts().device();
  }

  Patina patina() {
    return patina.get();
  }

  RunPipeline.Shared shared() {
    return shared.get();
  }

  boolean stopping() {
    return stopping;
  }

  WorkQueue queue() {
    return queue;
  }

  ClusterRuns runs() {
    return runs;
  }

  ClusterOutbox outbox() {
    return outbox;
  }

  ClusterSettings settings() {
    return settings;
  }

  ClusterDatabase database() {
    return db;
  }

  void log(String format, Object... args) {
    log.accept(String.format(format, args));
  }

  private static String human(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /** Stops claiming and checking in, and tells the other nodes this one is gone so they take over its runs at once. */
  @Override
  public void close() {
    stopping = true;
    worker.stop();
    ticks.shutdownNow();
    checkIns.shutdownNow();
    try {
      runs.leave();
    } catch (SQLException e) {
      log("cluster: could not tell the database this node stops (%s); its runs are taken over after %s",
          e.getMessage(), human(settings.liveness()));
    }
  }

  /** A device of a run that is no longer in this node's inventory: its result is still committed. */
  private static Device removed(String name) {
    return new Device(name, "(not in the inventory)", 22, null, null, null, null, null, null, false, null, Map.of(),
        List.of(), null, null, "a cluster run started before it was removed", null);
  }

  /** A run id from a time and what ran: {@code 20261126T170000Z-core}. */
  public static String runId(Instant at, String what) {
    return at.toString().replace("-", "").replace(":", "") + "-" + what;
  }
}
