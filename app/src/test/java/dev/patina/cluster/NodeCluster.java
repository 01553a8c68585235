package dev.patina.cluster;

import static org.junit.jupiter.api.Assertions.fail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.patina.app.Main;
import dev.patina.diff.SecretMasker;
import dev.patina.inventory.ClusterSettings;
import dev.patina.sim.Capture;
import dev.patina.sim.Fault;
import dev.patina.sim.SharedCaptures;
import dev.patina.sim.SimDevice;
import dev.patina.sim.os.Postgres;
import dev.patina.store.RepoStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * A cluster for system tests: simulated IOS devices in zones {@code a} and {@code b} that record
 * which process connects to them, one fresh database on a shared test PostgreSQL, a bare shared
 * remote, GreenMail, and {@code patina serve} nodes as child JVMs (each with its own repository,
 * all with one inventory and one secret key), checking in every second with leases of 3 s.
 */
final class NodeCluster implements AutoCloseable {
  static final String CAPTURE = "ios#C9200L-24P-4G_17.09.04a";

  final Path dir;
  final ClusterSettings db;
  final GreenMail smtp;
  final Map<String, SimDevice> devices = new LinkedHashMap<>();
  final Map<String, String> zones = new LinkedHashMap<>();
  final Map<String, Process> nodes = new LinkedHashMap<>();
  private final int smtpPort;
  private final String cron;
  /** {@code concurrency:} of every node started after it is set. */
  int concurrency = 4;
  /** {@code serve --grace} (seconds) of every node started after it is set. */
  int grace = 5;
  /** A node's own secret key file, instead of the one all nodes share. */
  final Map<String, Path> keyFiles = new LinkedHashMap<>();
  /** A node's own inventory file, instead of the one all nodes share. */
  final Map<String, Path> inventories = new LinkedHashMap<>();

  /** {@code perZone} devices in each of zones a and b; the schedule {@code cron} (Quartz) for all. */
  NodeCluster(Path dir, Postgres pg, int perZone, String cron) throws Exception {
    this.dir = dir;
    this.cron = cron;
    this.db = ClusterPostgres.freshDatabase(pg, "test", List.of("a"));
    try (ServerSocket s = new ServerSocket(0)) {
      smtpPort = s.getLocalPort();
    }
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    Capture capture = Capture.load(SharedCaptures.dir().resolve(CAPTURE + "#simulation.yaml"));
    StringBuilder inv = new StringBuilder("devices:\n");
    for (String zone : List.of("a", "b")) {
      for (int i = 1; i <= perZone; i++) {
        String name = "sw-" + zone + i;
        SimDevice sim = SimDevice.replay(capture).recordClientProcesses().start();
        devices.put(name, sim);
        zones.put(name, zone);
        inv.append(String.format("  - { name: %s, host: %s, port: %d, model: cisco-ios, username: %s, password: %s, "
            + "zone: %s }%n", name, sim.host(), sim.port(), sim.username(), sim.password(), zone));
      }
    }
    Files.writeString(dir.resolve("devices.yaml"), inv.toString());
    SecretMasker.loadOrCreate(dir.resolve("secret.key")); // one key for all nodes, before any starts
    RepoStore.open(dir.resolve("shared.git")).close(); // the bare remote every node pushes to
  }

  /** Slows every device of {@code zone}: each reply waits {@code perReply}. */
  void slow(String zone, Duration perReply) {
    devices.forEach((name, sim) -> {
      if (zones.get(name).equals(zone)) sim.fault(Fault.slow(perReply));
    });
  }

  /** Starts node {@code name} collecting {@code nodeZones} ({@code serve --no-web} plus {@code extra}). */
  Process start(String name, List<String> nodeZones, String... extra) throws IOException {
    Path config = writeConfig(name, nodeZones);
    Path home = config.getParent();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx192m", "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), "--config", config.toString(), "serve",
        "--no-web", "--grace", String.valueOf(grace)));
    command.addAll(List.of(extra));
    Process p = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log(name).toFile())).start(); // a restarted node's log goes on
    nodes.put(name, p);
    return p;
  }

  /** Writes the patina.yaml of node {@code name} in its own folder; returns its path. */
  Path writeConfig(String name, List<String> nodeZones) throws IOException {
    Path home = Files.createDirectories(dir.resolve(name));
    Path config = home.resolve("patina.yaml");
    Files.writeString(config, """
        repository: { path: repo, push: "%s" }
        inventory: "%s"
        concurrency: %d
        timeouts: { connect: 5s, command: 5s, device: 60s }
        schedule: "%s"
        mail:
          smtp: { host: 127.0.0.1, port: %d, tls: none }
          from: patina@test.invalid
          to: [netops@test.invalid]
        secrets: { key-file: "%s" }
        known-hosts: state/known_hosts
        outbox: state/outbox
        state-dir: state
        cluster:
          database: { url: "%s", user: %s, password: "%s" }
          node: %s
          zones: [ %s ]
          check-in: 1s
          lease: 3s
        """.formatted(dir.resolve("shared.git"), inventories.getOrDefault(name, dir.resolve("devices.yaml")),
        concurrency, cron, smtpPort, keyFiles.getOrDefault(name, dir.resolve("secret.key")), db.url(), db.user(), db.password().value(), name, String.join(", ", nodeZones)));
    return config;
  }

  Path log(String node) {
    return dir.resolve(node + ".log");
  }

  String logOf(String node) {
    try {
      return Files.exists(log(node)) ? Files.readString(log(node)) : "";
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  /** Every node's log, for failure messages. */
  String logs() {
    StringBuilder s = new StringBuilder();
    for (String n : nodes.keySet()) s.append("\n===== ").append(n).append(" =====\n").append(logOf(n));
    return s.toString();
  }

  /** Nodes the test stopped, whose end is no failure. */
  private final java.util.Set<String> stoppedByTest = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** kill -9 of a node. */
  void kill(String node) throws InterruptedException {
    stoppedByTest.add(node);
    Process p = nodes.get(node);
    p.destroyForcibly(); // SIGKILL
    p.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM to a node: it stops gracefully (see {@link #grace}); returns whether it ended within a minute. */
  boolean terminate(String node) throws InterruptedException {
    stoppedByTest.add(node);
    Process p = nodes.get(node);
    p.destroy(); // SIGTERM
    return p.waitFor(60, TimeUnit.SECONDS);
  }

  /** Waits until every node named has checked in (it is a member). */
  void awaitMembers(String... names) {
    await("nodes " + String.join(", ", names) + " checked in", Duration.ofSeconds(60), () -> {
      for (String n : names) {
        if (!logOf(n).contains("cluster: node " + n + " collects")) return false;
      }
      return true;
    });
  }

  void await(String what, Duration limit, BooleanSupplier condition) {
    long end = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) return;
      for (Map.Entry<String, Process> n : nodes.entrySet()) {
        // a node that ended by itself ends the wait
        if (!n.getValue().isAlive() && !stoppedByTest.contains(n.getKey())) {
          fail("node " + n.getKey() + " exited with " + n.getValue().exitValue() + " while waiting for " + what
              + logs());
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
    fail("not within " + limit.toSeconds() + " s: " + what + logs());
  }

  Connection connection() throws SQLException {
    return DriverManager.getConnection(db.url(), db.user(), db.password().value());
  }

  /** One value (or null) of a query with parameters. */
  Object value(String sql, Object... params) {
    try (Connection c = connection(); PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) st.setObject(i + 1, params[i]);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? rs.getObject(1) : null;
      }
    } catch (SQLException e) {
      return null; // the database may be stopped by the test; the caller waits again
    }
  }

  /** Rows of a query as lists of strings. */
  List<List<String>> rows(String sql, Object... params) throws SQLException {
    try (Connection c = connection(); PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) st.setObject(i + 1, params[i]);
      List<List<String>> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<String> row = new ArrayList<>();
          for (int i = 1; i <= n; i++) row.add(rs.getString(i));
          out.add(row);
        }
      }
      return out;
    }
  }

  /** The commits of the shared remote, newest first: id and full message. */
  List<RevCommit> remoteCommits() throws Exception {
    try (RepoStore remote = RepoStore.open(dir.resolve("shared.git")); RevWalk walk = new RevWalk(remote.repository())) {
      ObjectId head = remote.repository().resolve("refs/heads/main");
      List<RevCommit> out = new ArrayList<>();
      if (head == null) return out;
      walk.markStart(walk.parseCommit(head));
      for (RevCommit c : walk) out.add(c);
      return out;
    }
  }

  /** The Patina-Run trailer of each commit of the shared remote, newest first (null for a commit without one). */
  List<String> remoteRunIds() throws Exception {
    List<String> out = new ArrayList<>();
    for (RevCommit c : remoteCommits()) {
      String id = null;
      for (String line : c.getFullMessage().split("\n")) {
        if (line.startsWith("Patina-Run: ")) id = line.substring("Patina-Run: ".length());
      }
      out.add(id);
    }
    return out;
  }

  /** The devices in the shared remote's newest commit. */
  java.util.SortedSet<String> remoteDevices() throws Exception {
    try (RepoStore remote = RepoStore.open(dir.resolve("shared.git"))) {
      return remote.devices();
    }
  }

  /** Waits until run {@code runId} is done and its mail is sent; fails with every node's log if not. */
  void awaitDoneAndMailed(String runId, Duration limit) {
    await("run " + runId + " done, its mail sent", limit, () -> "done".equals(value(
        "SELECT state FROM patina_runs WHERE run_id = ?", runId)) && Objects.equals(0L, value(
        "SELECT count(*) FROM patina_outbox WHERE run_id = ? AND state <> 'sent'", runId)));
  }

  /** The PIDs of the processes that connected to a device. */
  List<Long> clientsOf(String device) {
    return devices.get(device).clientProcesses();
  }

  @Override
  public void close() throws Exception {
    for (Process p : nodes.values()) p.destroyForcibly();
    for (Process p : nodes.values()) p.waitFor(30, TimeUnit.SECONDS);
    System.out.println(logs()); // in the test's -output.txt, for whoever reads a failure
    for (SimDevice d : devices.values()) d.close();
    smtp.stop();
  }
}
