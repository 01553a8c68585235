package dev.patina.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * A Quartz scheduler on the cluster database's JDBC job store ({@code qrtz_*} tables, schema
 * version 2), clustered: every node runs one with the same scheduler name and its node name as
 * instance id, each firing runs on one node only, and a node that stops checking in has its
 * recoverable jobs taken over by the others. The scheduler comes back unstarted, with the
 * {@link ClusterDatabase} in its context under {@link #DATABASE}.
 */
public final class ClusterScheduler {
  /** The scheduler name all nodes share (Quartz's SCHED_NAME column). */
  public static final String NAME = "patina";
  /** Key of the node's {@link ClusterDatabase} in the scheduler context. */
  public static final String DATABASE = "patina.cluster.database";

  private ClusterScheduler() {}

  /**
   * @param threads jobs this node runs at once
   * @param checkIn how often the node checks in (after about twice that without a check-in the
   *     other nodes take over its jobs), and the longest it sleeps before looking for due triggers
   *     again (at least 1 s, Quartz's floor): a schedule added on another node is seen within it
   */
  public static Scheduler create(ClusterDatabase db, int threads, Duration checkIn) throws SchedulerException {
    String node = db.settings().node();
    // Quartz finds connections by data-source name in one process-wide registry
    String dataSource = "patina-cluster-" + node;
    DBConnectionManager.getInstance().addConnectionProvider(dataSource, new Connections(db));
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", NAME);
    p.setProperty("org.quartz.scheduler.instanceId", node);
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    // Quartz refuses an idle wait under 1 s; check-ins may be more frequent (tests)
    p.setProperty("org.quartz.scheduler.idleWaitTime", String.valueOf(Math.max(1000, checkIn.toMillis())));
    p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(threads));
    p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
    p.setProperty("org.quartz.jobStore.dataSource", dataSource);
    p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
    p.setProperty("org.quartz.jobStore.isClustered", "true");
    p.setProperty("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(checkIn.toMillis()));
    p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
    p.setProperty("org.quartz.jobStore.misfireThreshold", "5000");
    StdSchedulerFactory factory = new StdSchedulerFactory(p);
    Scheduler s = factory.getScheduler();
    s.getContext().put(DATABASE, db);
    return s;
  }

  /** A new connection per request; Quartz opens and closes them around each job-store step. */
  private record Connections(ClusterDatabase db) implements ConnectionProvider {
    @Override
    public Connection getConnection() throws SQLException {
      return db.connection();
    }

    @Override
    public void shutdown() {}

    @Override
    public void initialize() {}
  }
}
