package dev.patina.cluster;

import dev.patina.inventory.ClusterSettings;
import dev.patina.inventory.Secret;
import dev.patina.sim.os.Postgres;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Fresh databases on one test PostgreSQL, as a node's {@code cluster:} settings would name them. */
final class ClusterPostgres {
  private static final AtomicInteger NEXT = new AtomicInteger();

  private ClusterPostgres() {}

  /** A new, empty database; the settings of a node named {@code node} collecting {@code zones} there. */
  static ClusterSettings freshDatabase(Postgres pg, String node, List<String> zones) throws Exception {
    String name = "patina_" + NEXT.incrementAndGet();
    pg.createDatabase(name);
    return settings(pg, name, node, zones);
  }

  /** Another node on the same database as {@code other}. */
  static ClusterSettings sameDatabase(ClusterSettings other, String node, List<String> zones) {
    return new ClusterSettings(other.url(), other.user(), other.password(), node, zones);
  }

  private static ClusterSettings settings(Postgres pg, String db, String node, List<String> zones) {
    return new ClusterSettings(pg.jdbcUrl(db), Postgres.USER, new Secret(Postgres.PASSWORD), node, zones);
  }
}
