package dev.patina.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.inventory.ClusterSettings;
import dev.patina.inventory.Secret;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterDatabaseTest extends WithPostgres {
  private static List<String> tables(ClusterDatabase db) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = db.connection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables "
            + "WHERE table_schema = 'public' ORDER BY table_name")) {
      while (rs.next()) out.add(rs.getString(1));
    }
    return out;
  }

  @Test
  void anEmptyDatabaseGetsPatinasTablesAndQuartzsJobStoreAtStart() throws Exception {
    ClusterDatabase db = ClusterDatabase.open(ClusterPostgres.freshDatabase(pg, "node-a", List.of("default")));
    assertEquals("9", db.schemaVersion().getVersion());
    List<String> tables = tables(db);
    for (String t : List.of("patina_nodes", "patina_runs", "patina_work_items", "patina_outbox",
        "patina_device_status", "patina_run_events", "qrtz_job_details",
        "qrtz_triggers", "qrtz_cron_triggers", "qrtz_fired_triggers", "qrtz_scheduler_state", "qrtz_locks",
        "flyway_schema_history")) {
      assertTrue(tables.contains(t), t + " missing from " + tables);
    }
    assertEquals(11, V2__Quartz_job_store.statements().stream().filter(s -> s.startsWith("CREATE TABLE")).count());
  }

  @Test
  void aSecondNodeFindsTheSchemaCurrentAndChangesNothing() throws Exception {
    ClusterSettings a = ClusterPostgres.freshDatabase(pg, "node-a", List.of("default"));
    ClusterDatabase first = ClusterDatabase.open(a);
    ClusterDatabase second = ClusterDatabase.open(ClusterPostgres.sameDatabase(a, "node-b", List.of("default")));
    assertEquals(first.schemaVersion(), second.schemaVersion());
    try (Connection c = second.connection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success")) {
      rs.next();
      assertEquals(9, rs.getInt(1)); // V1 to V9
    }
  }

  @Test
  void aNodeRefusesASchemaNewerThanItKnows() throws Exception {
    ClusterSettings a = ClusterPostgres.freshDatabase(pg, "node-a", List.of("default"));
    ClusterDatabase db = ClusterDatabase.open(a);
    try (Connection c = db.connection(); Statement st = c.createStatement()) {
      // what a newer Patina's migration leaves behind
      st.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, "
          + "checksum, installed_by, execution_time, success) VALUES (99, '99', 'from a newer Patina', 'SQL', "
          + "'V99__from_a_newer_patina.sql', 1, 'patina', 1, true)");
      st.execute("CREATE TABLE made_by_v99 (x int)");
    }
    ClusterStartException e = assertThrows(ClusterStartException.class, () -> ClusterDatabase.open(a));
    assertTrue(e.getMessage().contains("has schema version 99, newer than this Patina knows (9)"), e.getMessage());
    assertTrue(e.getMessage().contains("Upgrade this node"), e.getMessage());
    assertTrue(tables(db).contains("made_by_v99"), "the refused node must not touch the database");
  }

  @Test
  void aNodeWhoseClockIsMoreThanOneSecondOffIsRefusedAndOneWithinIsAccepted() throws Exception {
    ClusterSettings a = ClusterPostgres.freshDatabase(pg, "node-a", List.of("default"));
    ClusterStartException ahead = assertThrows(ClusterStartException.class,
        () -> ClusterDatabase.open(a, Clock.offset(Clock.systemUTC(), Duration.ofMillis(2500))));
    assertTrue(ahead.getMessage().contains("ms ahead of the cluster database's"), ahead.getMessage());
    assertTrue(ahead.getMessage().contains("at most 1000 ms"), ahead.getMessage());
    ClusterStartException behind = assertThrows(ClusterStartException.class,
        () -> ClusterDatabase.open(a, Clock.offset(Clock.systemUTC(), Duration.ofMillis(-1800))));
    assertTrue(behind.getMessage().contains("ms behind the cluster database's"), behind.getMessage());
    assertEquals("9", ClusterDatabase.open(a, Clock.offset(Clock.systemUTC(), Duration.ofMillis(300)))
        .schemaVersion().getVersion());
  }

  @Test
  void aWrongPasswordIsReportedWithTheDatabaseAndWhatToCheck() throws Exception {
    ClusterSettings a = ClusterPostgres.freshDatabase(pg, "node-a", List.of("default"));
    ClusterSettings wrong = new ClusterSettings(a.url(), a.user(), new Secret("not-it"), "node-a", List.of("default"));
    ClusterStartException e = assertThrows(ClusterStartException.class, () -> ClusterDatabase.open(wrong));
    assertTrue(e.getMessage().startsWith("cannot reach the cluster database " + a.url() + " as \"patina\""),
        e.getMessage());
    assertTrue(e.getMessage().contains("password authentication failed"), e.getMessage());
  }
}
