package dev.patina.cluster;

import dev.patina.store.RunHistory;
import dev.patina.store.RunLog;
import dev.patina.store.StoreException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The cluster's runs and their state events, from {@code patina_runs} and
 * {@code patina_run_events}: what the runs page and the API show on any node, whichever node
 * made the run. A run appears once its owner recorded it (after its commit and mail); a run
 * whose commit the shared remote has not taken says so beside its trigger.
 */
public final class ClusterHistory implements RunHistory {
  private final ClusterDatabase db;
  private final String runId;

  /** For reading; {@link #append} needs the run ({@link #of}). */
  public ClusterHistory(ClusterDatabase db) {
    this(db, null);
  }

  private ClusterHistory(ClusterDatabase db, String runId) {
    this.db = db;
    this.runId = runId;
  }

  /** The history that {@link #append} writes run {@code runId}'s line to. */
  static ClusterHistory of(ClusterDatabase db, String runId) {
    return new ClusterHistory(db, runId);
  }

  @Override
  public void append(RunLog.Run run, List<RunLog.Event> found) throws StoreException {
    if (runId == null) throw new IllegalStateException("a reader of the cluster's history records no run");
    try {
      record(run, found);
    } catch (SQLException e) {
      throw new StoreException("cannot record run " + runId + " in the cluster database: " + e.getMessage(), e);
    }
  }

  /** Sets the run's line (again, for a run finished a second time) and replaces its events. */
  void record(RunLog.Run run, List<RunLog.Event> found) throws SQLException {
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try (PreparedStatement up = c.prepareStatement("UPDATE patina_runs SET started_at = ?, took_ms = ?, "
              + "changed = ?, added = ?, unchanged = ?, failed = ?, failed_devices = ? WHERE run_id = ?");
          PreparedStatement del = c.prepareStatement("DELETE FROM patina_run_events WHERE run_id = ?");
          PreparedStatement ev = c.prepareStatement("INSERT INTO patina_run_events (run_id, seq, at, device, "
              + "severity, message) VALUES (?, ?, ?, ?, ?, ?)")) {
        up.setTimestamp(1, ClusterFailureCounts.timestamp(run.started()));
        up.setLong(2, run.took().toMillis());
        up.setInt(3, run.changed());
        up.setInt(4, run.added());
        up.setInt(5, run.unchanged());
        up.setInt(6, run.failed());
        up.setArray(7, c.createArrayOf("text", run.failedDevices().toArray()));
        up.setString(8, runId);
        up.executeUpdate();
        del.setString(1, runId);
        del.executeUpdate();
        int seq = 0;
        for (RunLog.Event e : found) {
          ev.setString(1, runId);
          ev.setInt(2, seq++);
          ev.setTimestamp(3, ClusterFailureCounts.timestamp(e.time()));
          ev.setString(4, e.device());
          ev.setString(5, e.severity());
          ev.setString(6, e.message());
          ev.addBatch();
        }
        ev.executeBatch();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** Every device's failures in a row as the cluster counted them (the devices table on any node). */
  public java.util.Map<String, dev.patina.store.RunStatus.Entry> failureCounts() throws StoreException {
    try {
      return new ClusterFailureCounts(db).all();
    } catch (SQLException e) {
      throw new StoreException("cannot read the failure counts from the cluster database " + db.settings().url()
          + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<RunLog.Run> runs(int max) throws StoreException {
    try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement("SELECT started_at, took_ms, "
        + "trigger, changed, added, unchanged, failed, commit_id, failed_devices, state, push_error, owner_node, "
        + "run_id FROM patina_runs WHERE started_at IS NOT NULL ORDER BY started_at DESC, run_id DESC LIMIT ?")) {
      st.setInt(1, max);
      List<RunLog.Run> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          String trigger = rs.getString(3);
          if ("unpushed".equals(rs.getString(10))) {
            trigger += " (run " + rs.getString(13) + ": committed on " + rs.getString(12)
                + ", not pushed to the shared remote yet: " + rs.getString(11) + ")";
          }
          Array failed = rs.getArray(9);
          out.add(new RunLog.Run(ClusterFailureCounts.instant(rs.getTimestamp(1)), Duration.ofMillis(rs.getLong(2)),
              trigger, rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getString(8),
              failed == null ? List.of() : Arrays.asList((String[]) failed.getArray())));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("cannot read the cluster's runs from " + db.settings().url() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<RunLog.Event> events(String device, int max) throws StoreException {
    try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement("SELECT at, device, severity, "
        + "message FROM patina_run_events WHERE (?::text IS NULL OR device = ?) ORDER BY at DESC, run_id DESC, "
        + "seq DESC LIMIT ?")) {
      st.setString(1, device);
      st.setString(2, device);
      st.setInt(3, max);
      List<RunLog.Event> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(new RunLog.Event(ClusterFailureCounts.instant(rs.getTimestamp(1)), rs.getString(2),
              rs.getString(3), rs.getString(4)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("cannot read the cluster's events from " + db.settings().url() + ": "
          + e.getMessage(), e);
    }
  }
}
