package dev.patina.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * Messages to send once per run (the digest, alerts) in {@code patina_outbox}: at most one per
 * run and kind, whichever node writes it first, and sent by one node at a time. A node claims a
 * message under a lease (database time) like device work; if it dies before
 * {@link #sent}, the lease runs out and another node sends it. (A node that dies after the SMTP
 * server accepted the message but before {@link #sent} causes a second send: at-least-once at
 * that one point, as with any mail transfer.)
 */
public final class ClusterOutbox {
  /** A claimed message; {@code attempt} fences a late {@link #sent} after the lease moved on. */
  public record Message(long id, String runId, String kind, byte[] payload, int attempt) {}

  private final ClusterDatabase db;
  private final String node;
  private final Duration lease;

  public ClusterOutbox(ClusterDatabase db, Duration lease) {
    this.db = db;
    this.node = db.settings().node();
    this.lease = lease;
  }

  /** Adds the run's message of this kind; false when the run already has one (nothing changes). */
  public boolean add(String runId, String kind, byte[] payload) throws SQLException {
    try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
        "INSERT INTO patina_outbox (run_id, kind, payload) VALUES (?, ?, ?) ON CONFLICT (run_id, kind) DO NOTHING")) {
      st.setString(1, runId);
      st.setString(2, kind);
      st.setBytes(3, payload);
      return st.executeUpdate() == 1;
    }
  }

  /** Claims the oldest message not sent and not held by a live lease, if any. */
  public Optional<Message> claim() throws SQLException {
    try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement("""
        WITH next AS (
          SELECT id FROM patina_outbox
          WHERE state = 'pending' OR (state = 'claimed' AND lease_expires < clock_timestamp())
          ORDER BY id LIMIT 1
          FOR UPDATE SKIP LOCKED)
        UPDATE patina_outbox o
          SET state = 'claimed', lease_owner = ?, attempts = o.attempts + 1,
              lease_expires = clock_timestamp() + make_interval(secs => ?)
        FROM next WHERE o.id = next.id
        RETURNING o.id, o.run_id, o.kind, o.payload, o.attempts""")) {
      st.setString(1, node);
      st.setDouble(2, lease.toMillis() / 1000.0);
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) return Optional.empty();
        return Optional.of(new Message(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getInt(5)));
      }
    }
  }

  /** Records the message as accepted by the mail server; false when this node's claim was no longer current. */
  public boolean sent(Message m) throws SQLException {
    try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
        "UPDATE patina_outbox SET state = 'sent', sent_at = clock_timestamp(), lease_expires = NULL "
            + "WHERE id = ? AND state = 'claimed' AND lease_owner = ? AND attempts = ?")) {
      st.setLong(1, m.id());
      st.setString(2, node);
      st.setInt(3, m.attempt());
      return st.executeUpdate() == 1;
    }
  }
}
