package dev.patina.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The node's connection pool across a database restart. */
class ClusterDatabasePoolTest extends WithPostgres {
  private static int one(ClusterDatabase db) throws SQLException {
    try (Connection c = db.connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void connectionsThatDiedWithARestartedDatabaseFailOnceEachAndAreNotPooledAgain() throws Exception {
    ClusterDatabase db = ClusterDatabase.open(ClusterPostgres.freshDatabase(pg, "node-a", List.of("default")));
    List<Connection> three = new ArrayList<>();
    for (int i = 0; i < 3; i++) three.add(db.connection());
    for (Connection c : three) c.close(); // three idle in the pool, used just now (handed out unchecked)

    pg.stopServer();
    pg.startAgain();

    int failed = 0;
    int answered = 0;
    for (int i = 0; i < 12 && answered == 0; i++) {
      try {
        answered = one(db);
      } catch (SQLException e) {
        failed++;
      }
    }
    assertEquals(1, answered, "a statement after the restart answers once the dead connections are gone");
    assertTrue(failed <= 3, failed + " statements failed: a dead connection went back into the pool");
    for (int i = 0; i < 5; i++) assertEquals(1, one(db), "every statement after that answers");
  }
}
