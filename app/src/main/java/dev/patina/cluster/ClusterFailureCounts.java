package dev.patina.cluster;

import dev.patina.app.run.FailureCounts;
import dev.patina.store.RunStatus;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Failures in a row in the cluster database ({@code patina_device_status}), so that whichever
 * node owns a run counts the same history. One run's outcomes are counted in one transaction
 * that holds its devices' rows; a run finished a second time (taken over after its owner
 * counted it, or a push tried again) finds its outcomes counted and leaves them.
 */
final class ClusterFailureCounts {
  private final ClusterDatabase db;

  ClusterFailureCounts(ClusterDatabase db) {
    this.db = db;
  }

  /** Counts run {@code runId}'s outcomes of {@code devices} through {@code step}, in one transaction. */
  <T> T update(String runId, List<String> devices, Function<FailureCounts, T> step) throws SQLException {
    List<String> sorted = devices.stream().sorted().distinct().toList(); // one lock order for every run
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        Array names = c.createArrayOf("text", sorted.toArray());
        try (PreparedStatement st = c.prepareStatement("INSERT INTO patina_device_status (device) "
            + "SELECT unnest(?::text[]) ORDER BY 1 ON CONFLICT (device) DO NOTHING")) {
          st.setArray(1, names);
          st.executeUpdate();
        }
        Map<String, RunStatus.Entry> entries = new HashMap<>();
        Set<String> counted = new HashSet<>();
        try (PreparedStatement st = c.prepareStatement("SELECT device, failures, last_success, last_failure, "
            + "last_error, last_run FROM patina_device_status WHERE device = ANY (?) ORDER BY device FOR UPDATE")) {
          st.setArray(1, names);
          try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
              entries.put(rs.getString(1), new RunStatus.Entry(instant(rs.getTimestamp(3)),
                  instant(rs.getTimestamp(4)), rs.getString(5), rs.getInt(2)));
              if (runId.equals(rs.getString(6))) counted.add(rs.getString(1));
            }
          }
        }
        Map<String, RunStatus.Entry> changed = new TreeMap<>();
        T result = step.apply(new FailureCounts() {
          @Override public Optional<RunStatus.Entry> get(String device) {
            return Optional.ofNullable(entries.get(device));
          }

          @Override public int recordFailure(String device, Instant when, String reason) {
            RunStatus.Entry e = RunStatus.Entry.afterFailure(entries.get(device), when, reason);
            entries.put(device, e);
            changed.put(device, e);
            return e.consecutiveFailures();
          }

          @Override public int recordSuccess(String device, Instant when) {
            RunStatus.Entry old = entries.get(device);
            RunStatus.Entry e = RunStatus.Entry.afterSuccess(old, when);
            entries.put(device, e);
            changed.put(device, e);
            return old == null ? 0 : old.consecutiveFailures();
          }

          @Override public boolean counted(String device) {
            return counted.contains(device);
          }
        });
        try (PreparedStatement st = c.prepareStatement("UPDATE patina_device_status SET failures = ?, "
            + "last_success = ?, last_failure = ?, last_error = ?, last_run = ? WHERE device = ?")) {
          for (Map.Entry<String, RunStatus.Entry> e : changed.entrySet()) {
            st.setInt(1, e.getValue().consecutiveFailures());
            st.setTimestamp(2, timestamp(e.getValue().lastSuccess()));
            st.setTimestamp(3, timestamp(e.getValue().lastFailure()));
            st.setString(4, e.getValue().lastError());
            st.setString(5, runId);
            st.setString(6, e.getKey());
            st.addBatch();
          }
          st.executeBatch();
        }
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** Every device's record, by name (for the web's devices table on any node). */
  Map<String, RunStatus.Entry> all() throws SQLException {
    Map<String, RunStatus.Entry> out = new TreeMap<>();
    try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement("SELECT device, failures, "
        + "last_success, last_failure, last_error FROM patina_device_status");
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), new RunStatus.Entry(instant(rs.getTimestamp(3)), instant(rs.getTimestamp(4)),
            rs.getString(5), rs.getInt(2)));
      }
    }
    return out;
  }

  static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  static Timestamp timestamp(Instant i) {
    return i == null ? null : Timestamp.from(i);
  }
}
