package dev.patina.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.sim.os.Postgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class PostgresHarnessTest {
  @Test
  void aTestStartsItsOwnPostgresqlOnLoopbackChecksThePasswordAndStopsItByPid() throws Exception {
    long pid;
    try (Postgres pg = Postgres.start()) {
      pid = pg.pid();
      assertTrue(pg.isAlive());
      pg.createDatabase("harness");
      try (Connection c = DriverManager.getConnection(pg.jdbcUrl("harness"), Postgres.USER, Postgres.PASSWORD);
          ResultSet rs = c.createStatement().executeQuery("SELECT current_database(), inet_server_addr()::text")) {
        rs.next();
        assertEquals("harness", rs.getString(1));
        assertEquals("127.0.0.1/32", rs.getString(2));
      }
      SQLException refused = assertThrows(SQLException.class,
          () -> DriverManager.getConnection(pg.jdbcUrl("harness"), Postgres.USER, "wrong"));
      assertTrue(refused.getMessage().contains("password authentication failed"), refused.getMessage());
    }
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "postgres " + pid + " still runs");
  }
}
