package dev.patina.bench;

import dev.patina.sim.os.Postgres;
import dev.patina.store.RepoStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cluster mode against a single node, on the same simulated devices ({@link SimProcess}, half in
 * zone a, half in zone b): {@code patina serve} as one node without a database, then as three
 * nodes (node-1 zone a, node-2 zones a and b, node-3 zone b) on a PostgreSQL from Debian, each a
 * JVM of its own, the three sharing the single node's concurrency of 64. The figure per run is the
 * run's own time as its owner logs it ("... in 2.4 s", from the trigger to the digest). Runs fire
 * every {@code period} seconds; the first (new repository) and those that warm each node's JIT
 * ({@link #unrecorded}) are not counted. Then the failover time: with 20 ms added per reply,
 * kill -9 of a node holding device leases, and the time until every one of its devices was
 * claimed again by another node (about the lease, by design).
 */
final class ClusterBench {
  private static final Pattern TOOK = Pattern.compile("run schedule default: .* in ([0-9.]+) s");
  private static final String CHECK_IN = "1s";
  private static final String LEASE = "3s";

  private ClusterBench() {}

  static void run(int n, int repeats, Table table) throws Exception {
    Path dir = Files.createTempDirectory("patina-bench-cluster");
    // a run must end well within its period: 10 s up to 1,000 devices, whole minutes from 6,000
    int want = n / 100;
    int period = want > 30 ? 60 * ((want + 59) / 60) : List.of(10, 12, 15, 20, 30).stream().filter(p -> p >= want)
        .findFirst().orElse(30); // seconds that divide a minute, so that every gap is the period
    String cron = period < 60 ? "0/" + period + " * * * * ?" : "0 0/" + period / 60 + " * * * ?";
    try (SimProcess sims = SimProcess.start(n, 2000, false); Postgres pg = Postgres.start()) {
      writeInventory(dir, sims.devices());
      RepoStore.open(dir.resolve("shared.git")).close();
      String label = String.format(Locale.ROOT, "N=%,d, runs every %d s", n, period);

      Runs single = runs(dir, List.of(node(dir, "single", List.of(), null, cron, TOTAL_CONCURRENCY)), repeats,
          period, unrecorded(n, 1), null);
      pg.createDatabase("bench");
      String url = pg.jdbcUrl("bench");
      List<Node> three = threeNodes(dir, "node-", url, cron);
      Runs cluster = runs(dir, three, repeats, period, unrecorded(n, three.size()), pg);
      Stats s = Stats.of(single.took());
      Stats c = Stats.of(cluster.took());
      table.row("cluster: one node, no database (" + label + "): run", s.format("s"));
      table.row("cluster: three nodes on PostgreSQL (" + label + "): run", c.format("s"));
      table.row("cluster: ratio three nodes / one node (" + label + "), target <= 1.3",
          String.format(Locale.ROOT, "%.2f", c.median() / s.median()));
      table.row("cluster: CPU per counted run (" + label + "): one node / three nodes / PostgreSQL",
          String.format(Locale.ROOT, "%.1f s / %.1f s / %.1f s", single.nodesCpu(), cluster.nodesCpu(),
              cluster.databaseCpu()));

      failover(dir, sims, pg, cron, table, n);
    } finally {
      Bench.deleteTree(dir);
    }
  }

  /** One {@code patina serve} process and where it logs. */
  private record Node(String name, Path config, Path log) {}

  /**
   * The three nodes, sharing the single node's concurrency between them: on one machine the two
   * cores are the bound, and three times the SSH sessions at once would only thrash them.
   */
  private static List<Node> threeNodes(Path dir, String prefix, String url, String cron) throws IOException {
    int each = (TOTAL_CONCURRENCY + 2) / 3;
    return List.of(node(dir, prefix + "1", List.of("a"), url, cron, each),
        node(dir, prefix + "2", List.of("a", "b"), url, cron, each), node(dir, prefix + "3", List.of("b"), url, cron, each));
  }

  private static final int TOTAL_CONCURRENCY = 64;

  private static Node node(Path dir, String name, List<String> zones, String url, String cron, int concurrency)
      throws IOException {
    Path home = Files.createDirectories(dir.resolve(name));
    String cluster = url == null ? "" : """
        cluster:
          database: { url: "%s", user: %s, password: "%s" }
          node: %s
          zones: [ %s ]
          check-in: %s
          lease: %s
        """.formatted(url, Postgres.USER, Postgres.PASSWORD, name, String.join(", ", zones), CHECK_IN, LEASE);
    Files.writeString(home.resolve("patina.yaml"), """
        repository: { path: repo, push: "%s" }
        inventory: "%s"
        concurrency: %d
        timeouts: { connect: 30s, command: 60s, device: 300s }
        schedule: "%s"
        secrets: { key-file: "%s" }
        state-dir: state
        """.formatted(dir.resolve("shared.git"), dir.resolve("devices.yaml"), concurrency, cron,
        dir.resolve("secret.key"))
        + cluster);
    return new Node(name, home.resolve("patina.yaml"), dir.resolve(name + ".log"));
  }

  /**
   * Runs not counted: the first (a new repository), then as many as it takes each node to back up
   * about {@value #WARM_UP_PER_JVM} devices ({@code --warm-up N} sets another number): every JVM
   * compiles the per-device path on its own, and a node of three sees a third of the devices per
   * run. With 3,000, the fleet benchmark's minimum, the three nodes' C2 compiler threads still
   * took 9-15 s of CPU in each run of 10,000 devices (2026-11-27, from /proc): a sixth to a fifth
   * of the nodes' CPU in those runs, against one JVM's compiling for the single node.
   */
  static int unrecorded(int n, int nodes) {
    int warmUp = FleetBench.warmUp(WARM_UP_PER_JVM);
    int perNode = Math.max(1, n / nodes);
    return 1 + Math.max(1, (warmUp + perNode - 1) / perNode);
  }

  /**
   * Device backups per JVM before a counted run: where the fleet benchmark found the JIT quiet
   * (compiling at most 5 % of a round) on 2026-11-26, after 9 rounds of 1,000 devices.
   */
  static final int WARM_UP_PER_JVM = 9_000;

  /**
   * The counted runs' times, and the CPU per counted run of the nodes and of PostgreSQL (from the
   * end of the last unrecorded run to the end of the last counted one, so the time between runs,
   * with the nodes' check-ins and polls, is in it; 0 without a database).
   */
  private record Runs(List<Double> took, double nodesCpu, double databaseCpu) {}

  /** Starts the nodes, collects the time of {@code repeats} runs after {@code skip} unrecorded ones, stops them. */
  private static Runs runs(Path dir, List<Node> nodes, int repeats, int period, int skip, Postgres pg)
      throws Exception {
    Bench.deleteTree(dir.resolve("shared.git"));
    RepoStore.open(dir.resolve("shared.git")).close();
    List<Process> started = start(nodes);
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos((long) (repeats + skip + 2) * period * 3L);
      double[] from = null;
      while (System.nanoTime() < deadline) {
        List<Double> took = took(nodes);
        if (from == null && took.size() >= skip) from = new double[] {cpuSeconds(started), databaseCpuSeconds(pg)};
        if (took.size() >= repeats + skip) {
          return new Runs(took.subList(skip, repeats + skip), (cpuSeconds(started) - from[0]) / repeats,
              (databaseCpuSeconds(pg) - from[1]) / repeats);
        }
        for (Process p : started) {
          if (!p.isAlive()) throw new IllegalStateException("a node stopped:\n" + logs(nodes));
        }
        Thread.sleep(500);
      }
      throw new IllegalStateException("not " + (repeats + skip) + " runs in time:\n" + logs(nodes));
    } finally {
      stop(started);
    }
  }

  /** CPU time of these processes so far, in seconds. */
  private static double cpuSeconds(List<Process> processes) {
    long nanos = 0;
    for (Process p : processes) nanos += p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    return nanos / 1e9;
  }

  /**
   * PostgreSQL's CPU time so far, in seconds (Linux): the postmaster's own and that of its
   * children that ended (cutime, cstime), plus its live backends'. 0 without a database.
   */
  private static double databaseCpuSeconds(Postgres pg) {
    if (pg == null) return 0;
    long ticks = ticks(pg.pid(), true);
    for (ProcessHandle child : ProcessHandle.of(pg.pid()).map(h -> h.children().toList()).orElse(List.of())) {
      ticks += ticks(child.pid(), false);
    }
    return ticks / 100.0; // USER_HZ
  }

  /** utime + stime of a process from /proc (with its waited-for children's when asked), in ticks; 0 when gone. */
  private static long ticks(long pid, boolean children) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      return children ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static List<Process> start(List<Node> nodes) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> out = new ArrayList<>();
    for (Node node : nodes) {
      List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g"));
      // the collector ./patina runs with (bench/run passes scripts/jdk.sh's choice on)
      String gc = System.getProperty("patina.gc.opts", "").trim();
      if (!gc.isEmpty()) cmd.addAll(List.of(gc.split("\\s+")));
      cmd.addAll(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=error", "-cp", System.getProperty("java.class.path"),
          "dev.patina.app.Main", "--config", node.config().toString(), "serve", "--no-web", "--grace", "5"));
      out.add(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(node.log().toFile()).start());
    }
    return out;
  }

  private static void stop(List<Process> nodes) throws InterruptedException {
    for (Process p : nodes) p.destroy();
    for (Process p : nodes) {
      if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
    }
  }

  /** The run times the nodes logged, in order of their log lines (runs have one owner each). */
  private static List<Double> took(List<Node> nodes) throws IOException {
    Map<String, Double> byTime = new java.util.TreeMap<>();
    for (Node node : nodes) {
      if (!Files.exists(node.log())) continue;
      for (String line : Files.readAllLines(node.log())) {
        Matcher m = TOOK.matcher(line);
        if (m.find()) byTime.put(line.substring(0, 20) + node.name(), Double.parseDouble(m.group(1)));
      }
    }
    return new ArrayList<>(byTime.values());
  }

  private static String logs(List<Node> nodes) throws IOException {
    StringBuilder s = new StringBuilder();
    for (Node node : nodes) {
      s.append("== ").append(node.name()).append('\n');
      if (Files.exists(node.log())) s.append(Files.readString(node.log()));
    }
    return s.toString();
  }

  /** kill -9 of a node holding leases, and the time until all its devices are claimed again. */
  private static void failover(Path dir, SimProcess sims, Postgres pg, String cron, Table table, int n)
      throws Exception {
    pg.createDatabase("failover");
    String url = pg.jdbcUrl("failover");
    Bench.deleteTree(dir.resolve("shared.git"));
    RepoStore.open(dir.resolve("shared.git")).close();
    List<Node> nodes = threeNodes(dir, "f-", url, cron);
    sims.latency(java.time.Duration.ofMillis(20));
    List<Process> started = start(nodes);
    try (Connection c = DriverManager.getConnection(url, Postgres.USER, Postgres.PASSWORD)) {
      String victim = null;
      long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (victim == null && System.nanoTime() < until) {
        victim = one(c, "SELECT lease_owner FROM patina_work_items WHERE state = 'claimed' AND lease_owner <> "
            + "(SELECT owner_node FROM patina_runs r WHERE r.run_id = patina_work_items.run_id) "
            + "GROUP BY lease_owner HAVING count(*) >= 5 LIMIT 1");
        if (victim == null) Thread.sleep(20);
      }
      if (victim == null) throw new IllegalStateException("no node held leases:\n" + logs(nodes));
      String run = one(c, "SELECT run_id FROM patina_work_items WHERE state = 'claimed' AND lease_owner = '" + victim
          + "' LIMIT 1");
      List<String> held = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement("SELECT device FROM patina_work_items WHERE run_id = ? AND "
          + "state = 'claimed' AND lease_owner = ?")) {
        st.setString(1, run);
        st.setString(2, victim);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) held.add(rs.getString(1));
        }
      }
      Process killed = started.get(List.of("f-1", "f-2", "f-3").indexOf(victim));
      if (held.size() < 5) throw new IllegalStateException("the victim holds only " + held.size() + " leases");
      long t0 = System.nanoTime();
      killed.destroyForcibly(); // SIGKILL
      String reclaimed = null;
      long t1 = 0;
      while (System.nanoTime() - t0 < TimeUnit.MINUTES.toNanos(2)) {
        try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM patina_work_items WHERE run_id = ? "
            + "AND device = ANY (?) AND (lease_owner = ? OR state = 'pending')")) {
          st.setString(1, run);
          st.setArray(2, c.createArrayOf("text", held.toArray()));
          st.setString(3, victim);
          try (ResultSet rs = st.executeQuery()) {
            rs.next();
            if (rs.getInt(1) == 0) {
              t1 = System.nanoTime();
              reclaimed = "yes";
              break;
            }
          }
        }
        Thread.sleep(20);
      }
      if (reclaimed == null) throw new IllegalStateException("not re-claimed within 2 min:\n" + logs(nodes));
      long t2 = 0;
      while (System.nanoTime() - t0 < TimeUnit.MINUTES.toNanos(3)) {
        if ("done".equals(one(c, "SELECT state FROM patina_runs WHERE run_id = '" + run + "'"))) {
          t2 = System.nanoTime();
          break;
        }
        Thread.sleep(50);
      }
      String label = String.format(Locale.ROOT, "N=%,d, 20 ms per reply, check-in %s, lease %s", n, CHECK_IN, LEASE);
      table.row("cluster: kill -9 of " + victim + " holding " + held.size() + " leases -> all re-claimed ("
          + label + ")", String.format(Locale.ROOT, "%.2f s", (t1 - t0) / 1e9));
      table.row("cluster: kill -9 -> that run done (" + label + ")",
          t2 == 0 ? "not within 3 min" : String.format(Locale.ROOT, "%.2f s", (t2 - t0) / 1e9));
    } finally {
      stop(started);
      sims.latency(java.time.Duration.ZERO);
    }
  }

  /** One value of a query, or null (also while the nodes have not yet created the tables). */
  private static String one(Connection c, String sql) {
    try (PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      return null;
    }
  }

  private static void writeInventory(Path dir, List<SimProcess.Endpoint> devices) throws IOException {
    StringBuilder inv = new StringBuilder("defaults: { model: cisco-ios, username: patina, password: patina }\ndevices:\n");
    for (int i = 0; i < devices.size(); i++) {
      inv.append("  - { name: bench-").append(i).append(", host: ").append(devices.get(i).host()).append(", port: ")
          .append(devices.get(i).port()).append(", zone: ").append(i % 2 == 0 ? "a" : "b").append(" }\n");
    }
    Files.writeString(dir.resolve("devices.yaml"), inv);
    dev.patina.diff.SecretMasker.loadOrCreate(dir.resolve("secret.key"));
  }
}
