package dev.patina.cluster;

import dev.patina.inventory.ClusterSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The PostgreSQL database the nodes of a cluster share. {@link #open} checks that it can be
 * reached, that this node's clock agrees with the database's within {@link #MAX_CLOCK_OFFSET}
 * (leases are in database time, but logs and schedules are in the node's), refuses a schema
 * newer than this Patina knows, and brings an older one up to date with Flyway.
 */
public final class ClusterDatabase {
  /** The most a node's clock may differ from the database's. */
  public static final Duration MAX_CLOCK_OFFSET = Duration.ofSeconds(1);
  static final String MIGRATIONS = "classpath:dev/patina/cluster/migration";
  private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(10);

  private final ClusterSettings settings;
  private final MigrationVersion schema;

  private ClusterDatabase(ClusterSettings settings, MigrationVersion schema) {
    this.settings = settings;
    this.schema = schema;
  }

  /** Opens the database with the system clock. */
  public static ClusterDatabase open(ClusterSettings settings) throws ClusterStartException {
    return open(settings, Clock.systemUTC());
  }

  /** Opens the database; {@code clock} stands for this node's clock. */
  public static ClusterDatabase open(ClusterSettings settings, Clock clock) throws ClusterStartException {
    try (Connection c = connect(settings)) {
      checkClock(c, clock, settings);
    } catch (SQLException e) {
      throw new ClusterStartException("cannot reach the cluster database " + settings.url() + " as \""
          + settings.user() + "\": " + e.getMessage() + "; check cluster: database: in patina.yaml and that "
          + "PostgreSQL accepts this node", e);
    }
    Flyway flyway = flyway(settings);
    try {
      MigrationInfoService info = flyway.info();
      MigrationVersion known = newest(info.all(), true).orElseThrow();
      Optional<MigrationVersion> applied = newest(info.applied(), false);
      if (applied.isPresent() && applied.get().compareTo(known) > 0) {
        throw new ClusterStartException("the cluster database " + settings.url() + " has schema version "
            + applied.get() + ", newer than this Patina knows (" + known + "): another node runs a newer "
            + "Patina. Upgrade this node to that version; it was not started and changed nothing.");
      }
      flyway.migrate();
      return new ClusterDatabase(settings, newest(flyway.info().applied(), false).orElseThrow());
    } catch (FlywayException e) {
      throw new ClusterStartException("cannot bring the schema of the cluster database " + settings.url()
          + " up to date: " + e.getMessage(), e);
    }
  }

  private static Flyway flyway(ClusterSettings s) {
    return Flyway.configure(ClusterDatabase.class.getClassLoader())
        .dataSource(s.url(), s.user(), s.password() == null ? null : s.password().value())
        .locations(MIGRATIONS)
        .javaMigrations(new V2__Quartz_job_store())
        .failOnMissingLocations(true)
        .load();
  }

  /** The newest version among {@code infos}: resolved ones (this Patina's) or applied ones (the database's). */
  private static Optional<MigrationVersion> newest(MigrationInfo[] infos, boolean resolvedOnly) {
    return Arrays.stream(infos)
        .filter(i -> i.getVersion() != null)
        .filter(i -> !resolvedOnly || i.getState().isResolved())
        .filter(i -> resolvedOnly || i.getState().isApplied())
        .map(MigrationInfo::getVersion)
        .max(Comparator.naturalOrder());
  }

  private static void checkClock(Connection c, Clock clock, ClusterSettings s)
      throws SQLException, ClusterStartException {
    long before = clock.millis();
    long database;
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint")) {
      rs.next();
      database = rs.getLong(1);
    }
    long after = clock.millis();
    long offset = database - (before + after) / 2;
    long uncertainty = (after - before) / 2;
    if (Math.abs(offset) - uncertainty > MAX_CLOCK_OFFSET.toMillis()) {
      throw new ClusterStartException("this node's clock is " + Math.abs(offset) + " ms " + (offset > 0 ? "behind"
          : "ahead of") + " the cluster database's (" + s.url() + "); at most " + MAX_CLOCK_OFFSET.toMillis()
          + " ms is allowed. Synchronise the clocks (NTP, e.g. systemd-timesyncd or chrony) and start again.");
    }
  }

  static Connection connect(ClusterSettings s) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", s.user());
    if (s.password() != null) p.setProperty("password", s.password().value());
    p.setProperty("loginTimeout", String.valueOf(LOGIN_TIMEOUT.toSeconds()));
    p.setProperty("ApplicationName", "patina " + s.node());
    // the server notices a node that vanished (power, network cut) within about 25 s and ends its
    // session, which ends the node's turn to write git (an advisory lock) with it
    p.setProperty("tcpKeepAlive", "true");
    p.setProperty("options", "-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3");
    return DriverManager.getConnection(s.url(), p);
  }

  /**
   * A connection (autocommit on) from this node's small pool; closing it hands it back. A
   * PostgreSQL connection costs a new server process and a password exchange, far more than the
   * one statement most steps run on it, and a node runs a few per device. A connection idle for
   * {@link #CHECK_IDLE} or longer is checked before it is handed out (after a database restart
   * every pooled one is dead); one used since then is not, which saves a round trip per statement
   * while devices finish. A connection that fails meanwhile fails its statement, which the caller
   * retries, and is closed instead of going back to the pool.
   */
  public Connection connection() throws SQLException {
    for (Idle idle = pool.poll(); idle != null; idle = pool.poll()) {
      try {
        if (System.nanoTime() - idle.since() < CHECK_IDLE.toNanos() || idle.connection().isValid(2)) {
          return pooled(idle.connection());
        }
      } catch (SQLException e) {
        // dead: dropped below
      }
      closeQuietly(idle.connection());
    }
    return pooled(connect(settings));
  }

  /** A pooled connection and since when it has been idle ({@link System#nanoTime}). */
  private record Idle(Connection connection, long since) {}

  /** How long a connection may idle in the pool and still be handed out unchecked. */
  static final java.time.Duration CHECK_IDLE = java.time.Duration.ofSeconds(5);

  /** Idle connections, at most {@link #POOL_IDLE}. */
  private final java.util.concurrent.BlockingQueue<Idle> pool =
      new java.util.concurrent.ArrayBlockingQueue<>(POOL_IDLE);
  private static final int POOL_IDLE = 16;

  /** {@code real} with a {@code close()} that returns it to the pool, rolled back and in autocommit again. */
  private Connection pooled(Connection real) {
    java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    return (Connection) java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          switch (method.getName()) {
            case "close" -> {
              if (closed.compareAndSet(false, true)) release(real);
              return null;
            }
            case "isClosed" -> {
              return closed.get() || real.isClosed();
            }
            case "unwrap", "isWrapperFor" -> { }
            default -> {
              if (closed.get()) throw new SQLException("connection already handed back to the pool");
            }
          }
          try {
            return method.invoke(real, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private void release(Connection real) {
    try {
      if (!real.isClosed()) {
        if (!real.getAutoCommit()) {
          real.rollback();
          real.setAutoCommit(true);
        }
        if (pool.offer(new Idle(real, System.nanoTime()))) return;
      }
    } catch (SQLException e) {
      // broken: closed below
    }
    closeQuietly(real);
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // already gone
    }
  }

  public ClusterSettings settings() {
    return settings;
  }

  /** The schema version the database has after {@link #open}. */
  public MigrationVersion schemaVersion() {
    return schema;
  }
}
