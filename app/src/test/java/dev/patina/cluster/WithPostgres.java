package dev.patina.cluster;

import dev.patina.sim.os.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A test class whose tests share one PostgreSQL from Debian (initdb and pg_ctl on a loopback
 * port in a temporary folder), started before its first test and stopped by PID after its last;
 * each test makes its own databases on it.
 */
abstract class WithPostgres {
  static Postgres pg;

  @BeforeAll
  static void startPostgres() throws Exception {
    pg = Postgres.start();
  }

  @AfterAll
  static void stopPostgres() {
    if (pg != null) pg.close();
    pg = null;
  }
}
