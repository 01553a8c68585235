package dev.patina.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Device work shared by the nodes of a cluster, one row per device and run in
 * {@code patina_work_items}. A node claims open items of its zones with {@code SELECT ... FOR
 * UPDATE SKIP LOCKED}, so two nodes claiming at once never get the same item; the claim is a
 * lease in database time that the node renews while it works. An item whose lease has expired
 * (its node was killed or cut off) is open again for any node of its zone. Each claim raises
 * the item's attempt number, and a renewal or result is accepted only with the latest one, so
 * a node that lost its lease cannot overwrite the result of the node that took over.
 */
public final class WorkQueue {
  /**
   * One claimed device of one run; {@code attempt} is the fencing token of this claim;
   * {@code baseTree} the git tree the device had in the owner's repository when the run was
   * created, null when it had none (see {@link CollectedCodec.SameTree}).
   */
  public record Claim(String runId, String device, String zone, int attempt, String baseTree) {}

  /**
   * Claims from the items {@code open} selects (ordered, limited, {@code FOR UPDATE SKIP LOCKED}):
   * each selection reads an index in its order (V5), so a claim costs the same with 10 open items
   * as with 10,000.
   */
  private static final String CLAIM = """
      WITH open AS (%s)
      UPDATE patina_work_items w
        SET state = 'claimed', lease_owner = ?, attempts = w.attempts + 1,
            lease_expires = clock_timestamp() + make_interval(secs => ?)
      FROM open
      WHERE w.run_id = open.run_id AND w.device = open.device
      RETURNING w.run_id, w.device, w.zone, w.attempts, w.base_tree""";

  /** Items of the node's zones whose node was lost (lease run out), the longest lost first. */
  private static final String EXPIRED = CLAIM.formatted("""
      SELECT run_id, device FROM patina_work_items
        WHERE zone = ANY (?) AND state = 'claimed' AND lease_expires < clock_timestamp()
        ORDER BY lease_expires LIMIT ? FOR UPDATE SKIP LOCKED""");

  /** Pending items of one zone, oldest run first. */
  private static final String PENDING = CLAIM.formatted("""
      SELECT run_id, device FROM patina_work_items
        WHERE zone = ? AND state = 'pending'
        ORDER BY created_at, run_id, device LIMIT ? FOR UPDATE SKIP LOCKED""");

  private final ClusterDatabase db;
  private final String node;
  private final List<String> zones;
  private final Duration lease;

  /**
   * @param lease how long a claim holds without renewal; renew well within it (a third of it)
   */
  public WorkQueue(ClusterDatabase db, String node, List<String> zones, Duration lease) {
    if (zones.isEmpty()) throw new IllegalArgumentException("a node must collect at least one zone");
    this.db = db;
    this.node = node;
    this.zones = List.copyOf(zones);
    this.lease = lease;
  }

  /** This node's settings as a queue: its name and zones. */
  public static WorkQueue of(ClusterDatabase db, Duration lease) {
    return new WorkQueue(db, db.settings().node(), db.settings().zones(), lease);
  }

  /**
   * Records a run owned by this node with one pending item per device ({@code device -> zone}),
   * in one transaction: the run and all its items, or nothing.
   */
  public void createRun(String runId, String trigger, Map<String, String> deviceZones) throws SQLException {
    createRun(runId, trigger, deviceZones, Map.of());
  }

  /** {@link #createRun}, each item with the device's tree in the owner's repository ({@code baseTrees}; absent: none). */
  public void createRun(String runId, String trigger, Map<String, String> deviceZones, Map<String, String> baseTrees)
      throws SQLException {
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try (PreparedStatement run = c.prepareStatement(
              "INSERT INTO patina_runs (run_id, trigger, owner_node) VALUES (?, ?, ?)");
          PreparedStatement item = c.prepareStatement(ClusterRuns.INSERT_ITEM)) {
        run.setString(1, runId);
        run.setString(2, trigger);
        run.setString(3, node);
        run.executeUpdate();
        ClusterRuns.insertItems(item, runId, deviceZones, baseTrees);
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** Says this node is alive and which zones it collects (see {@link #failZonesWithoutLiveNode}). */
  public void heartbeat() throws SQLException {
    try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement("""
        INSERT INTO patina_nodes (node, zones) VALUES (?, ?)
        ON CONFLICT (node) DO UPDATE SET zones = EXCLUDED.zones, last_seen = clock_timestamp()""")) {
      st.setString(1, node);
      st.setArray(2, c.createArrayOf("text", zones.toArray()));
      st.executeUpdate();
    }
  }

  /**
   * Claims up to {@code max} open items of this node's zones, those of a lost node (lease
   * expired) first, then the oldest; none when there are none.
   */
  public List<Claim> claim(int max) throws SQLException {
    return claim(max, true);
  }

  /**
   * Claims up to {@code max} items of this node's zones: with {@code expired} first those whose
   * lease ran out (their node was lost), then pending ones, oldest run first, zone by zone from a
   * zone that turns with each claim (a node of two zones serves both). A node passes false right
   * after an outage of the database, when every lease looks expired though their nodes are about
   * to record them.
   */
  public List<Claim> claim(int max, boolean expired) throws SQLException {
    List<Claim> out = new ArrayList<>();
    try (Connection c = db.connection()) {
      if (expired) {
        try (PreparedStatement st = c.prepareStatement(EXPIRED)) {
          st.setArray(1, c.createArrayOf("text", zones.toArray()));
          st.setInt(2, max);
          claimed(st, 3, out);
        }
      }
      int first = Math.floorMod(turn.getAndIncrement(), zones.size());
      for (int i = 0; i < zones.size() && out.size() < max; i++) {
        try (PreparedStatement st = c.prepareStatement(PENDING)) {
          st.setString(1, zones.get((first + i) % zones.size()));
          st.setInt(2, max - out.size());
          claimed(st, 3, out);
        }
      }
    }
    return out;
  }

  /** Which zone a claim looks at first. */
  private final java.util.concurrent.atomic.AtomicInteger turn = new java.util.concurrent.atomic.AtomicInteger();

  /** Runs a claim whose lease parameters start at {@code at}, adding what it claimed to {@code out}. */
  private void claimed(PreparedStatement st, int at, List<Claim> out) throws SQLException {
    st.setString(at, node);
    st.setDouble(at + 1, lease.toMillis() / 1000.0);
    try (ResultSet rs = st.executeQuery()) {
      while (rs.next()) out.add(new Claim(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
          rs.getString(5)));
    }
  }

  /** Extends the lease; false when this node no longer holds it (expired and claimed by another node). */
  public boolean renew(Claim claim) throws SQLException {
    try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement("""
        UPDATE patina_work_items SET lease_expires = clock_timestamp() + make_interval(secs => ?)
        WHERE run_id = ? AND device = ? AND state = 'claimed' AND lease_owner = ? AND attempts = ?""")) {
      st.setDouble(1, lease.toMillis() / 1000.0);
      st.setString(2, claim.runId());
      st.setString(3, claim.device());
      st.setString(4, node);
      st.setInt(5, claim.attempt());
      return st.executeUpdate() == 1;
    }
  }

  /** Records the device as backed up; false when the lease was lost, and the result must be dropped. */
  public boolean done(Claim claim, String outcome) throws SQLException {
    return finish(List.of(Finished.done(claim, outcome, null)))[0];
  }

  /**
   * Records the device as collected, with its outcome for the owner ({@code result}, see
   * {@link CollectedCodec}); false when the lease was lost, and the result must be dropped.
   */
  public boolean done(Claim claim, String outcome, byte[] result) throws SQLException {
    return finish(List.of(Finished.done(claim, outcome, result)))[0];
  }

  /** Records the device as failed with {@code reason}; false when the lease was lost. */
  public boolean failed(Claim claim, String reason) throws SQLException {
    return finish(List.of(Finished.failed(claim, reason)))[0];
  }

  /**
   * The end of one claim: {@code done} with the outcome and the result for the owner (null:
   * none), or {@code failed} with the reason as its outcome.
   */
  public record Finished(Claim claim, boolean done, String outcome, byte[] result) {
    public static Finished done(Claim claim, String outcome, byte[] result) {
      return new Finished(claim, true, outcome, result);
    }

    public static Finished failed(Claim claim, String reason) {
      return new Finished(claim, false, reason, null);
    }
  }

  /**
   * Records the ends of several claims of this node in one statement (one transaction): for each,
   * whether it counted; false where the lease was lost (the device was claimed again), and that
   * result must be dropped. One statement and one commit per device was more than half of the
   * statements of a run (30,000 of about 51,000 in three runs of 10,000 devices, pg_stat_statements);
   * recording them in batches halved PostgreSQL's CPU per run (bench/RESULTS.md).
   */
  public boolean[] finish(List<Finished> items) throws SQLException {
    int n = items.size();
    boolean[] counted = new boolean[n];
    if (n == 0) return counted;
    String[] runs = new String[n];
    String[] devices = new String[n];
    Integer[] attempts = new Integer[n];
    String[] states = new String[n];
    String[] outcomes = new String[n];
    byte[][] results = new byte[n][];
    for (int i = 0; i < n; i++) {
      Finished f = items.get(i);
      runs[i] = f.claim().runId();
      devices[i] = f.claim().device();
      attempts[i] = f.claim().attempt();
      states[i] = f.done() ? "done" : "failed";
      outcomes[i] = f.outcome();
      results[i] = f.result();
    }
    try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement("""
        UPDATE patina_work_items w
          SET state = f.state, outcome = f.outcome, result = f.result, finished_at = clock_timestamp(),
              lease_expires = NULL
        FROM unnest(?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::bytea[]) WITH ORDINALITY
             AS f(run_id, device, attempts, state, outcome, result, position)
        WHERE w.run_id = f.run_id AND w.device = f.device AND w.state = 'claimed'
          AND w.lease_owner = ? AND w.attempts = f.attempts
        RETURNING f.position""")) {
      st.setArray(1, c.createArrayOf("text", runs));
      st.setArray(2, c.createArrayOf("text", devices));
      st.setArray(3, c.createArrayOf("int4", attempts));
      st.setArray(4, c.createArrayOf("text", states));
      st.setArray(5, c.createArrayOf("text", outcomes));
      st.setArray(6, c.createArrayOf("bytea", results));
      st.setString(7, node);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) counted[(int) rs.getLong(1) - 1] = true; // ordinality counts from 1
      }
    }
    return counted;
  }

  /**
   * Fails the open items of {@code zones} (pending, or claimed with an expired lease) that have
   * waited longer than {@code bound} in a zone that no node has served within {@code liveness},
   * saying so; returns how many. Any node may call it: the run then ends instead of waiting for a
   * node that is not there. First it asks which of {@code zones} have no live node (a look at the
   * few rows of patina_nodes); only then, for those zones, does it touch the work items. Asking
   * it of every open item, four times a second across three nodes, was 3,200 blocks and 15 ms a
   * call at 10,000 devices: a sixth of PostgreSQL's time in a run (pg_stat_statements).
   */
  public int failZonesWithoutLiveNode(java.util.Collection<String> zones, Duration liveness, Duration bound)
      throws SQLException {
    if (zones.isEmpty()) return 0;
    try (Connection c = db.connection()) {
      List<String> unserved = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement("""
          SELECT z FROM unnest(?::text[]) AS z
          WHERE NOT EXISTS (SELECT 1 FROM patina_nodes n
                            WHERE z = ANY (n.zones)
                              AND n.last_seen > clock_timestamp() - make_interval(secs => ?))""")) {
        st.setArray(1, c.createArrayOf("text", zones.toArray()));
        st.setDouble(2, liveness.toMillis() / 1000.0);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) unserved.add(rs.getString(1));
        }
      }
      if (unserved.isEmpty()) return 0;
      // the same test again in the update: a node may have come back since the look above
      try (PreparedStatement st = c.prepareStatement("""
          UPDATE patina_work_items w
            SET state = 'failed', finished_at = clock_timestamp(), lease_expires = NULL,
                outcome = 'no live node collects zone "' || w.zone || '" (none seen for '
                          || ? || ' s; start a node with this zone in cluster: zones:)'
          WHERE w.zone = ANY (?)
            AND (w.state = 'pending' OR (w.state = 'claimed' AND w.lease_expires < clock_timestamp()))
            AND w.created_at < clock_timestamp() - make_interval(secs => ?)
            AND NOT EXISTS (SELECT 1 FROM patina_nodes n
                            WHERE w.zone = ANY (n.zones)
                              AND n.last_seen > clock_timestamp() - make_interval(secs => ?))""")) {
        st.setLong(1, liveness.toSeconds());
        st.setArray(2, c.createArrayOf("text", unserved.toArray()));
        st.setDouble(3, bound.toMillis() / 1000.0);
        st.setDouble(4, liveness.toMillis() / 1000.0);
        return st.executeUpdate();
      }
    }
  }

  /** The database this queue works on. */
  public ClusterDatabase db() {
    return db;
  }

  public String node() {
    return node;
  }

  public List<String> zones() {
    return zones;
  }
}
