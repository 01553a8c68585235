package dev.patina.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.inventory.ClusterSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.Scheduler;
import org.quartz.TriggerBuilder;

class ClusterSchedulerTest extends WithPostgres {
  @TempDir Path dir;

  @Test
  void twoNodesInTwoJvmsRunEachFiringOfAScheduleOnceAndTheSecondGoesOnWhenTheFirstStops() throws Exception {
    ClusterSettings a = ClusterPostgres.freshDatabase(pg, "node-a", List.of("default"));
    ClusterDatabase db = ClusterDatabase.open(a);
    try (Connection c = db.connection(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE test_firings (scheduled timestamptz NOT NULL, node text NOT NULL)");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = dir.resolve("node-b.log");
    Process nodeB = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        ClusterNodeMain.class.getName(), a.url(), a.user(), a.password().value(), "node-b", "24")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Scheduler nodeA = ClusterScheduler.create(db, 2, Duration.ofMillis(1000));
    try {
      nodeA.scheduleJob(JobBuilder.newJob(RecordFiring.class).withIdentity("every-second").build(),
          TriggerBuilder.newTrigger().withIdentity("every-second")
              .withSchedule(CronScheduleBuilder.cronSchedule("* * * * * ?")
                  .withMisfireHandlingInstructionDoNothing()).build());
      nodeA.start();
      Thread.sleep(6_000);
      // node-b is a member of the cluster: Quartz has its check-ins under its node name
      try (Connection c = db.connection(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT string_agg(instance_name, ',' ORDER BY instance_name) "
              + "FROM qrtz_scheduler_state WHERE sched_name = 'patina'")) {
        rs.next();
        assertEquals("node-a,node-b", rs.getString(1), Files.readString(log));
      }
    } finally {
      nodeA.shutdown(true);
    }
    // node-a stopped holding the next firing (Quartz had acquired it); node-b frees it once node-a's
    // check-in is overdue by Quartz's fixed 7.5 s grace, then fires the schedule itself
    java.sql.Timestamp aStopped = new java.sql.Timestamp(System.currentTimeMillis());
    assertTrue(nodeB.waitFor(60, TimeUnit.SECONDS), "node-b did not stop");
    String bLog = Files.readString(log);
    assertEquals(0, nodeB.exitValue(), bLog);
    assertTrue(bLog.contains("started node-b"), bLog);

    List<String> doubled = new ArrayList<>();
    int firings;
    String perNode;
    try (Connection c = db.connection(); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT scheduled, count(*) FROM test_firings GROUP BY scheduled "
          + "HAVING count(*) > 1")) {
        while (rs.next()) doubled.add(rs.getString(1) + " x" + rs.getInt(2));
      }
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM test_firings")) {
        rs.next();
        firings = rs.getInt(1);
      }
      int afterA;
      try (java.sql.PreparedStatement ps = c.prepareStatement(
          "SELECT count(*) FROM test_firings WHERE node = 'node-b' AND scheduled > ?")) {
        ps.setTimestamp(1, aStopped);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          afterA = rs.getInt(1);
        }
      }
      assertTrue(afterA >= 3, "node-b ran only " + afterA + " firings after node-a stopped; its log:\n" + bLog);
      try (ResultSet rs = st.executeQuery("SELECT string_agg(node || '=' || n, ', ' ORDER BY node) FROM "
          + "(SELECT node, count(*) n FROM test_firings GROUP BY node) x")) {
        rs.next();
        perNode = rs.getString(1);
      }
    }
    System.out.println("firings " + firings + " by node: " + perNode);
    assertEquals(List.of(), doubled, "firings run twice; by node: " + perNode);
    assertTrue(firings >= 10, "only " + firings + " firings in about 24 s; by node: " + perNode);
  }
}
