package dev.patina.cluster;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runs of a cluster in {@code patina_runs}: created by the node a trigger fired on (the
 * owner) with one work item per device, finished by that owner, or taken over by another node
 * when the owner stops checking in. Ownership is fenced by an epoch: a take-over raises it, and
 * an owner that lost the run can no longer record it as committed. Committing is one node at a
 * time across the cluster ({@link #commitTurn}), so pushes to the shared remote never race.
 */
public final class ClusterRuns {
  /** A run this node owns now, with what it needs to repeat the request. */
  public record Owned(String runId, int epoch, String trigger, List<String> trailers, List<String> notes,
      boolean mail, List<String> devices, String state) {}

  /** One device's work item as the owner reads it back. */
  public record Item(String device, String zone, String state, String outcome, byte[] result, String node,
      int attempts) {}

  /** The advisory-lock key of "writing git" (any fixed number shared by all nodes). */
  static final long GIT_WRITER_LOCK = 0x7061_7469_6e61_6774L;

  private final ClusterDatabase db;
  private final String node;

  public ClusterRuns(ClusterDatabase db) {
    this.db = db;
    this.node = db.settings().node();
  }

  /**
   * Records a new run owned by this node with a pending item per device ({@code device -> zone}),
   * in one transaction; false (and nothing written) when a run with this id exists already, for
   * example a schedule's firing that another node has run.
   */
  public boolean create(String runId, String trigger, List<String> trailers, List<String> notes, boolean mail,
      Map<String, String> deviceZones) throws SQLException {
    return create(runId, trigger, trailers, notes, mail, deviceZones, Map.of(), 0);
  }

  /**
   * {@link #create}, each item with the device's tree in this node's repository now
   * ({@code baseTrees}; a device absent from it has none), for a late firing that stands for
   * {@code missedPeriods} more periods of its schedule.
   */
  public boolean create(String runId, String trigger, List<String> trailers, List<String> notes, boolean mail,
      Map<String, String> deviceZones, Map<String, String> baseTrees, int missedPeriods) throws SQLException {
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try (PreparedStatement run = c.prepareStatement("INSERT INTO patina_runs (run_id, trigger, owner_node, "
              + "trailers, notes, mail, missed_periods) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id) DO NOTHING");
          PreparedStatement item = c.prepareStatement(INSERT_ITEM)) {
        run.setString(1, runId);
        run.setString(2, trigger);
        run.setString(3, node);
        run.setArray(4, c.createArrayOf("text", trailers.toArray()));
        run.setArray(5, c.createArrayOf("text", notes.toArray()));
        run.setBoolean(6, mail);
        run.setInt(7, missedPeriods);
        if (run.executeUpdate() == 0) {
          c.rollback();
          return false;
        }
        insertItems(item, runId, deviceZones, baseTrees);
        c.commit();
        return true;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }

  static final String INSERT_ITEM = "INSERT INTO patina_work_items (run_id, device, zone, base_tree) "
      + "VALUES (?, ?, ?, ?)";

  /** One pending item per device of {@code deviceZones}, with its base tree if it has one, in one batch. */
  static void insertItems(PreparedStatement item, String runId, Map<String, String> deviceZones,
      Map<String, String> baseTrees) throws SQLException {
    for (Map.Entry<String, String> e : deviceZones.entrySet()) {
      item.setString(1, runId);
      item.setString(2, e.getKey());
      item.setString(3, e.getValue());
      item.setString(4, baseTrees.get(e.getKey()));
      item.addBatch();
    }
    item.executeBatch();
  }

  /** How many items the run has (one per device). */
  public int size(String runId) throws SQLException {
    try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
        "SELECT count(*) FROM patina_work_items WHERE run_id = ?")) {
      st.setString(1, runId);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** The zones of the run's devices. */
  public java.util.Set<String> zones(String runId) throws SQLException {
    try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
        "SELECT DISTINCT zone FROM patina_work_items WHERE run_id = ?")) {
      st.setString(1, runId);
      java.util.Set<String> out = new java.util.TreeSet<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) out.add(rs.getString(1));
      }
      return out;
    }
  }

  /** The run's items with their results. */
  public List<Item> items(String runId) throws SQLException {
    try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement("SELECT device, zone, state, "
        + "outcome, result, lease_owner, attempts FROM patina_work_items WHERE run_id = ? ORDER BY device")) {
      st.setString(1, runId);
      List<Item> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(new Item(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBytes(5),
              rs.getString(6), rs.getInt(7)));
        }
      }
      return out;
    }
  }

  /**
   * The run's finished items (done or failed) that its owner of {@code epoch} has not taken yet,
   * with their results, marked as taken in the same statement: each comes back once to an owner.
   * With {@code all}, every finished item, and none marked: what a new owner reads first, and an
   * owner after a poll that failed (the database may have marked items that never reached it).
   */
  public List<Item> finished(String runId, int epoch, boolean all) throws SQLException {
    String columns = "device, zone, state, outcome, result, lease_owner, attempts";
    String sql = all
        ? "SELECT " + columns + " FROM patina_work_items WHERE run_id = ? AND state IN ('done', 'failed')"
        : "UPDATE patina_work_items SET taken_epoch = ? WHERE run_id = ? AND state IN ('done', 'failed') "
            + "AND taken_epoch < ? RETURNING " + columns;
    try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(sql)) {
      if (all) {
        st.setString(1, runId);
      } else {
        st.setInt(1, epoch);
        st.setString(2, runId);
        st.setInt(3, epoch);
      }
      List<Item> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(new Item(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBytes(5),
              rs.getString(6), rs.getInt(7)));
        }
      }
      return out;
    }
  }

  /**
   * The runs created after {@code runId} that committed something, newest first: their devices'
   * versions are newer than {@code runId}'s results (a run finished late, after a take-over or
   * a failed push, must not put its older versions on top of them).
   */
  public List<String> committedAfter(String runId) throws SQLException {
    try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement("SELECT n.run_id "
        + "FROM patina_runs r JOIN patina_runs n ON n.created_at > r.created_at "
        + "WHERE r.run_id = ? AND n.commit_id IS NOT NULL ORDER BY n.created_at DESC")) {
      st.setString(1, runId);
      List<String> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) out.add(rs.getString(1));
      }
      return out;
    }
  }

  /** True while this node owns the run with this epoch and it is not finished. */
  public boolean owns(String runId, int epoch) throws SQLException {
    try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement("SELECT 1 FROM patina_runs "
        + "WHERE run_id = ? AND owner_node = ? AND owner_epoch = ? AND state <> 'done'")) {
      st.setString(1, runId);
      st.setString(2, node);
      st.setInt(3, epoch);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * Records the commit step as done (the commit, or none when nothing changed), with why its push
   * failed ({@code pushError}, null when the shared remote has the commit); false when the run was lost.
   */
  public boolean committed(String runId, int epoch, String commit, int changed, int unchanged, int failed,
      String pushError) throws SQLException {
    try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement("UPDATE patina_runs SET "
        + "state = 'committed', commit_id = ?, changed = ?, unchanged = ?, failed = ?, push_error = ?, "
        + "push_attempts = push_attempts + (CASE WHEN ?::text IS NULL THEN 0 ELSE 1 END) "
        + "WHERE run_id = ? AND owner_node = ? AND owner_epoch = ?")) {
      st.setString(1, commit);
      st.setInt(2, changed);
      st.setInt(3, unchanged);
      st.setInt(4, failed);
      st.setString(5, pushError);
      st.setString(6, pushError);
      st.setString(7, runId);
      st.setString(8, node);
      st.setInt(9, epoch);
      return st.executeUpdate() == 1;
    }
  }

  /**
   * Clears the results of the runs done (committed and pushed) more than {@code after} ago, and
   * answers how many items it cleared. A result is the cleaned configuration one node collected
   * for the run's owner; once the run is done nothing reads it again (an 'unpushed' run keeps
   * them: a node may have to commit it again). The items stay, with their state and outcome.
   */
  public int dropResults(Duration after) throws SQLException {
    try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement("""
        UPDATE patina_work_items SET result = NULL
        WHERE result IS NOT NULL AND run_id IN (
          SELECT run_id FROM patina_runs
          WHERE state = 'done' AND finished_at < clock_timestamp() - make_interval(secs => ?))""")) {
      st.setDouble(1, after.toMillis() / 1000.0);
      return st.executeUpdate();
    }
  }

  /**
   * Records the run as finished (its mail is in the outbox): 'done', or 'unpushed' while the shared
   * remote lacks its commit (the owner tries again; a node taking it over commits it again). False
   * when the run was lost.
   */
  public boolean done(String runId, int epoch) throws SQLException {
    return finish(runId, epoch) != null;
  }

  /** {@link #done}, answering the state recorded ('done' or 'unpushed'), or null when the run was lost. */
  public String finish(String runId, int epoch) throws SQLException {
    try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement("UPDATE patina_runs SET "
        + "state = CASE WHEN push_error IS NULL THEN 'done' ELSE 'unpushed' END, finished_at = clock_timestamp() "
        + "WHERE run_id = ? AND owner_node = ? AND owner_epoch = ? RETURNING state")) {
      st.setString(1, runId);
      st.setString(2, node);
      st.setInt(3, epoch);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /**
   * Takes over the oldest unfinished run whose owner has not checked in within {@code liveness}
   * (or, with {@code mine}, one still recorded as this node's from before a restart), raising its
   * epoch; empty when there is none.
   */
  public Optional<Owned> adopt(Duration liveness, boolean mine) throws SQLException {
    return adopt(liveness, mine, List.of());
  }

  /**
   * {@link #adopt}, leaving out the runs in {@code taken} (those this node took already: a run
   * taken with {@code mine} is still this node's, and would be taken again and again).
   */
  public Optional<Owned> adopt(Duration liveness, boolean mine, java.util.Collection<String> taken)
      throws SQLException {
    try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement("""
        WITH orphan AS (
          SELECT run_id FROM patina_runs r
          WHERE state IN ('collecting', 'committing', 'committed', 'unpushed')
            AND NOT (r.run_id = ANY (?))
            AND (CASE WHEN ? THEN r.owner_node = ?
                 ELSE r.owner_node <> ? AND NOT EXISTS (
                   SELECT 1 FROM patina_nodes n WHERE n.node = r.owner_node
                     AND n.last_seen > clock_timestamp() - make_interval(secs => ?)) END)
          ORDER BY created_at LIMIT 1
          FOR UPDATE SKIP LOCKED)
        UPDATE patina_runs r SET owner_node = ?, owner_epoch = r.owner_epoch + 1
        FROM orphan WHERE r.run_id = orphan.run_id
        RETURNING r.run_id, r.owner_epoch, r.trigger, r.trailers, r.notes, r.mail, r.state""")) {
      st.setArray(1, c.createArrayOf("text", taken.toArray()));
      st.setBoolean(2, mine);
      st.setString(3, node);
      st.setString(4, node);
      st.setDouble(5, liveness.toMillis() / 1000.0);
      st.setString(6, node);
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) return Optional.empty();
        String runId = rs.getString(1);
        return Optional.of(new Owned(runId, rs.getInt(2), rs.getString(3), strings(rs.getArray(4)),
            strings(rs.getArray(5)), rs.getBoolean(6), devices(c, runId), rs.getString(7)));
      }
    }
  }

  /** This node's runs whose commit the shared remote has not taken yet, oldest first, with the last push error. */
  public List<Owned> unpushed() throws SQLException {
    try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement("SELECT run_id, owner_epoch, "
        + "trigger, trailers, notes, mail, push_error FROM patina_runs WHERE state = 'unpushed' AND owner_node = ? "
        + "ORDER BY created_at")) {
      st.setString(1, node);
      List<Owned> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          String runId = rs.getString(1);
          out.add(new Owned(runId, rs.getInt(2), rs.getString(3), strings(rs.getArray(4)), strings(rs.getArray(5)),
              rs.getBoolean(6), devices(c, runId), "unpushed (" + rs.getString(7) + ")"));
        }
      }
      return out;
    }
  }

  private static List<String> devices(Connection c, String runId) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(
        "SELECT device FROM patina_work_items WHERE run_id = ? ORDER BY device")) {
      st.setString(1, runId);
      List<String> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) out.add(rs.getString(1));
      }
      return out;
    }
  }

  private static List<String> strings(Array a) throws SQLException {
    return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
  }

  /** Marks this node as gone now (a clean stop): its runs are taken over at once. */
  public void leave() throws SQLException {
    try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
        "UPDATE patina_nodes SET last_seen = '-infinity' WHERE node = ?")) {
      st.setString(1, node);
      st.executeUpdate();
    }
  }

  /**
   * Waits for this node's turn to write git (a PostgreSQL advisory lock on its own connection);
   * closing the turn ends it, and so does the connection's end if the node dies.
   */
  public CommitTurn commitTurn() throws SQLException {
    Connection c = ClusterDatabase.connect(db.settings()); // its own: the lock ends with it, never pooled
    try (Statement st = c.createStatement()) {
      st.execute("SELECT pg_advisory_lock(" + GIT_WRITER_LOCK + ")");
      return new CommitTurn(c);
    } catch (SQLException e) {
      c.close();
      throw e;
    }
  }

  /** This node's turn to write git; see {@link #commitTurn}. */
  public static final class CommitTurn implements AutoCloseable {
    private final Connection c;

    private CommitTurn(Connection c) {
      this.c = c;
    }

    @Override
    public void close() {
      try (Connection conn = c; Statement st = conn.createStatement()) {
        st.execute("SELECT pg_advisory_unlock(" + GIT_WRITER_LOCK + ")");
      } catch (SQLException e) {
        // the connection is gone, and with it the lock
      }
    }
  }
}
