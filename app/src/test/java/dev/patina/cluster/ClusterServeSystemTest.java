package dev.patina.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code patina serve} nodes as real child JVMs on a real PostgreSQL, against simulated
 * devices in zones a and b: node-1 collects zone a, node-2 zones a and b, node-3 zone b.
 */
class ClusterServeSystemTest extends WithPostgres {
  private static final String NEVER = "0 0 0 1 1 ? 2099";
  @TempDir Path dir;

  private static void startThree(NodeCluster c, String... lastNodeExtra) throws Exception {
    c.start("node-1", List.of("a"));
    c.start("node-3", List.of("b"));
    c.awaitMembers("node-1", "node-3");
    c.start("node-2", List.of("a", "b"), lastNodeExtra);
    c.awaitMembers("node-2");
  }

  @Test
  void aScheduleFiresOncePerPeriodAcrossThreeNodesAndNoNodeConnectsToAnotherZonesDevice() throws Exception {
    try (NodeCluster c = new NodeCluster(dir, pg, 3, "*/4 * * * * ?")) {
      startThree(c);
      List<String> done = new ArrayList<>();
      for (int k = 1; k <= 4; k++) {
        int want = k;
        c.await(want + " runs done", Duration.ofSeconds(90), () -> {
          Object n = c.value("SELECT count(*) FROM patina_runs WHERE state = 'done'");
          return n != null && ((Number) n).intValue() >= want;
        });
        // a change on one device before the next firing, so that runs keep making commits
        c.devices.get("sw-a1").replaceInReplies("hostname LAB-SW123_9200L", "hostname LAB-SW123_9200L-" + k);
      }
      // every firing recorded so far, finished or not: one run per 4-second period, named by its
      // period's start, none doubled, and none missing between the first and the last unless a late
      // firing (the run before it outlasted its period on a busy machine) accounts for it
      List<List<String>> runs = c.rows("SELECT run_id, commit_id, missed_periods FROM patina_runs ORDER BY run_id");
      runs.forEach(r -> done.add(r.get(0)));
      List<Long> periods = new ArrayList<>();
      for (String id : done) {
        String t = id.substring(0, id.indexOf('-')); // 20261126T170004Z, or with a fraction of a second
        Instant fired = Instant.parse(t.substring(0, 4) + "-" + t.substring(4, 6) + "-" + t.substring(6, 11) + ":"
            + t.substring(11, 13) + ":" + t.substring(13));
        assertEquals(0, fired.getNano(), "run " + id + " is not named by its period: " + done + c.logs());
        assertEquals(0, fired.getEpochSecond() % 4, "run " + id + " is not on a 4-second period: " + done);
        periods.add(fired.getEpochSecond() / 4);
      }
      int missedInAll = 0;
      for (int i = 1; i < periods.size(); i++) {
        int missed = Integer.parseInt(runs.get(i).get(2));
        missedInAll += missed;
        assertEquals(periods.get(i - 1) + 1 + missed, periods.get(i), "a period doubled, or missing without a late "
            + "firing standing for it, between runs " + done.get(i - 1) + " and " + done.get(i) + ": " + runs
            + c.logs());
      }
      if (missedInAll > 0) { // said in the log of the node that fired late
        assertTrue(c.nodes.keySet().stream().anyMatch(n -> c.logOf(n).contains("fired late")), c.logs());
      }
      for (String n : c.nodes.keySet()) assertFalse(c.logOf(n).contains("exists already"), c.logs());
      // each device once per run
      assertEquals(List.of(), c.rows("SELECT run_id, device, attempts FROM patina_work_items WHERE attempts <> 1 "
          + "AND run_id IN (SELECT run_id FROM patina_runs WHERE state = 'done')"));
      // in git: exactly one commit per run that committed, in the runs' order, named by its run
      List<String> committedRuns = c.rows("SELECT run_id FROM patina_runs WHERE state = 'done' AND commit_id IS NOT "
          + "NULL ORDER BY run_id").stream().map(r -> r.get(0)).toList();
      List<String> inGit = new ArrayList<>(c.remoteRunIds());
      java.util.Collections.reverse(inGit); // oldest first
      assertFalse(inGit.contains(null), "a commit without its run: " + inGit);
      assertTrue(committedRuns.size() >= 2, "runs " + runs); // a run that started before the test changed sw-a1 has nothing to commit
      assertEquals(committedRuns, inGit.subList(0, committedRuns.size()), "one commit per run, in order" + c.logs());
      assertEquals(runs.get(0).get(1), c.remoteCommits().getLast().getName(), "the first run adds every device");

      // zones: node-1 (a) never reached a zone-b device, node-3 (b) never a zone-a device
      long node1 = c.nodes.get("node-1").pid();
      long node3 = c.nodes.get("node-3").pid();
      Set<Long> known = new HashSet<>();
      c.nodes.values().forEach(p -> known.add(p.pid()));
      for (Map.Entry<String, String> d : c.zones.entrySet()) {
        List<Long> clients = c.clientsOf(d.getKey());
        assertTrue(clients.size() >= 3, d.getKey() + " was reached " + clients.size() + " times");
        assertTrue(known.containsAll(clients), d.getKey() + ": clients " + clients + " are not all nodes " + known);
        assertFalse(clients.contains(d.getValue().equals("a") ? node3 : node1),
            d.getKey() + " (zone " + d.getValue() + ") was reached by a node of the other zone: " + clients
                + " (node-1 " + node1 + ", node-3 " + node3 + ")");
      }
    }
  }

  /** The one run of the cluster, once it exists. */
  private static String theRun(NodeCluster c) {
    c.await("the run recorded", Duration.ofSeconds(90), () -> c.value("SELECT run_id FROM patina_runs") != null);
    return (String) c.value("SELECT run_id FROM patina_runs");
  }

  /** One commit in the remote for {@code run} with every device, and one digest, sent once. */
  private static void assertOneCommitAndOneDigest(NodeCluster c, String run) throws Exception {
    assertEquals(List.of(run), c.remoteRunIds(), "the remote's commits" + c.logs());
    assertEquals(c.devices.keySet(), c.remoteDevices(), "every device in the run's commit");
    assertEquals(1L, c.value("SELECT count(*) FROM patina_outbox WHERE run_id = ?", run), c.logs());
    assertEquals(1, c.smtp.getReceivedMessages().length, "one digest" + c.logs());
    assertEquals(List.of(), c.rows("SELECT device, state, outcome FROM patina_work_items WHERE run_id = ? "
        + "AND state <> 'done'", run), "every device backed up" + c.logs());
  }

  @Test
  void aNodeKilledWhileHoldingDeviceLeasesHasThoseDevicesBackedUpByAnotherNodeOfTheirZoneInTheSameRun()
      throws Exception {
    try (NodeCluster c = new NodeCluster(dir, pg, 3, NEVER)) {
      c.concurrency = 1; // one device at a time per node: zone a's devices are spread over node-1 and node-2
      c.slow("a", Duration.ofMillis(300));
      startThree(c, "--run-now");
      String run = theRun(c);
      String owner = (String) c.value("SELECT owner_node FROM patina_runs WHERE run_id = ?", run);
      // a zone-a node holding a lease, the run's owner only if no other node holds one
      String[] victim = new String[1];
      c.await("a zone-a device claimed by a node other than the owner " + owner, Duration.ofSeconds(60), () -> {
        Object other = c.value("SELECT lease_owner FROM patina_work_items WHERE zone = 'a' AND state = 'claimed' "
            + "AND lease_owner <> ? LIMIT 1", owner);
        victim[0] = (String) other;
        return other != null;
      });
      List<String> held = c.rows("SELECT device FROM patina_work_items WHERE state = 'claimed' AND lease_owner = ?",
          victim[0]).stream().map(r -> r.get(0)).toList();
      c.kill(victim[0]);
      assertFalse(held.isEmpty());

      c.awaitDoneAndMailed(run, Duration.ofSeconds(90));
      for (String device : held) {
        List<String> row = c.rows("SELECT lease_owner, attempts, state FROM patina_work_items WHERE run_id = ? "
            + "AND device = ?", run, device).get(0);
        assertNotEquals(victim[0], row.get(0), device + " was finished by the killed node" + c.logs());
        assertTrue(List.of("node-1", "node-2").contains(row.get(0)), device + " by " + row.get(0));
        assertEquals("2", row.get(1), device + " claimed twice: by " + victim[0] + ", then by " + row.get(0));
      }
      assertOneCommitAndOneDigest(c, run);
    }
  }

  @Test
  void theRunsOwnerKilledBeforeItsCommitHasTheRunCompletedByAnotherNodeWithOneCommitAndOneDigest()
      throws Exception {
    try (NodeCluster c = new NodeCluster(dir, pg, 3, NEVER)) {
      c.slow("a", Duration.ofMillis(300));
      startThree(c, "--run-now");
      String run = theRun(c);
      c.await("a device of run " + run + " done while others are still open", Duration.ofSeconds(60), () ->
          ((Number) Objects.requireNonNullElse(c.value("SELECT count(*) FROM patina_work_items WHERE run_id = ? "
              + "AND state = 'done'", run), 0)).intValue() > 0);
      String owner = (String) c.value("SELECT owner_node FROM patina_runs WHERE run_id = ?", run);
      c.kill(owner);
      assertEquals("collecting", c.value("SELECT state FROM patina_runs WHERE run_id = ?", run),
          "the owner was killed before its commit" + c.logs());
      assertEquals(List.of(), c.remoteRunIds());

      c.awaitDoneAndMailed(run, Duration.ofSeconds(90));
      List<String> finished = c.rows("SELECT owner_node, owner_epoch FROM patina_runs WHERE run_id = ?", run).get(0);
      assertNotEquals(owner, finished.get(0));
      assertTrue(Integer.parseInt(finished.get(1)) >= 2, "taken over: " + finished);
      assertTrue(c.logOf(finished.get(0)).contains("cluster: run " + run + " (schedule default) taken over by "
          + finished.get(0)), c.logs());
      assertOneCommitAndOneDigest(c, run);
    }
  }

  @Test
  void postgresqlStoppedForThirtySecondsIsReportedByEveryNodeAndNoRunIsLostOrDoubled() throws Exception {
    try (NodeCluster c = new NodeCluster(dir, pg, 2, "*/5 * * * * ?")) {
      c.slow("a", Duration.ofMillis(300));
      startThree(c);
      c.await("a first run done", Duration.ofSeconds(90), () -> c.value(
          "SELECT run_id FROM patina_runs WHERE state = 'done'") != null);
      c.devices.get("sw-b1").replaceInReplies("hostname LAB-SW123_9200L", "hostname LAB-SW123_9200L-x");
      // the outage starts in the middle of a run: some of its devices done, others in flight
      c.await("a run half done", Duration.ofSeconds(90), () -> c.value("SELECT w.run_id FROM patina_work_items w "
          + "JOIN patina_runs r USING (run_id) WHERE r.state = 'collecting' GROUP BY w.run_id "
          + "HAVING bool_or(w.state = 'done') AND bool_or(w.state IN ('pending', 'claimed'))") != null);

      long stopped = System.nanoTime();
      pg.stopServer();
      c.await("every node reports the database unreachable", Duration.ofSeconds(30), () ->
          c.nodes.keySet().stream().allMatch(n -> c.logOf(n).contains("is unreachable")));
      // the outage itself: 30 s without a database
      Thread.sleep(Math.max(0, 30_000 - (System.nanoTime() - stopped) / 1_000_000));
      pg.startAgain();
      c.await("every node reports the database back", Duration.ofSeconds(60), () ->
          c.nodes.keySet().stream().allMatch(n -> c.logOf(n).contains("is reachable again")));
      String restarted = ((java.sql.Timestamp) c.value("SELECT clock_timestamp()::timestamp")).toString();
      c.await("a run after the outage done, and none left unfinished", Duration.ofSeconds(90), () ->
          Objects.equals(0L, c.value("SELECT count(*) FROM patina_runs WHERE state <> 'done'"))
              && ((Number) Objects.requireNonNullElse(c.value("SELECT count(*) FROM patina_runs WHERE state = 'done' "
                  + "AND created_at > ?::timestamptz", restarted), 0)).longValue() > 0
              && Objects.equals(0L, c.value("SELECT count(*) FROM patina_outbox WHERE state <> 'sent'")));

      List<String> inGit = c.remoteRunIds();
      assertEquals(inGit.size(), new HashSet<>(inGit).size(), "a run committed twice: " + inGit + c.logs());
      List<String> committed = c.rows("SELECT run_id FROM patina_runs WHERE commit_id IS NOT NULL ORDER BY run_id")
          .stream().map(r -> r.get(0)).toList();
      assertEquals(new HashSet<>(committed), new HashSet<>(inGit), c.logs());
      assertTrue(committed.size() >= 2, "the change during the outage was committed after it: " + committed);
      assertEquals(((Number) c.value("SELECT count(*) FROM patina_outbox WHERE state = 'sent'")).intValue(),
          c.smtp.getReceivedMessages().length, "each digest once" + c.logs());
      for (String n : c.nodes.keySet()) assertTrue(c.nodes.get(n).isAlive(), n + " stopped" + c.logs());
      // leases that ran out during the outage were not handed to another node: each device once per run
      assertEquals(List.of(), c.rows("SELECT run_id, device, attempts FROM patina_work_items WHERE attempts <> 1 "
          + "AND run_id IN (SELECT run_id FROM patina_runs WHERE state = 'done')"),
          c.logs());
    }
  }

  @Test
  void aRunTakenOverAfterItsOwnerHadCommittedAndPushedIsNotCommittedAgainAndReportsThatCommit() throws Exception {
    try (NodeCluster c = new NodeCluster(dir, pg, 2, NEVER)) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      List<dev.patina.app.run.RunResult> results = java.util.Collections.synchronizedList(new ArrayList<>());
      dev.patina.app.serve.Service node = dev.patina.app.serve.Service.start(
          c.writeConfig("node-1", List.of("a", "b")), new java.io.PrintStream(out, true), Duration.ofSeconds(5),
          results::add);
      try {
        dev.patina.app.run.RunResult first = node.run(dev.patina.app.run.RunRequest.of(
            node.patina().inventory().devices(), "test run"));
        String run = (String) c.value("SELECT run_id FROM patina_runs");
        assertEquals(List.of(run), c.remoteRunIds());
        // as if its owner had died after its push, before recording it: committed, not finished, owner gone
        c.value("UPDATE patina_runs SET owner_node = 'gone', state = 'committed' WHERE run_id = ? RETURNING 1", run);

        c.await("run " + run + " taken over and finished", Duration.ofSeconds(60), () -> results.size() == 2);
        dev.patina.app.run.RunResult again = results.get(1);
        assertEquals(first.commitId(), again.commitId(), out.toString());
        assertEquals(List.of(run), c.remoteRunIds(), "not committed a second time");
        // compared with the commit's parent, so the run reads as it did the first time
        assertEquals(first.devices().stream().map(r -> r.name() + " " + r.status()).toList(),
            again.devices().stream().map(r -> r.name() + " " + r.status()).toList());
        assertEquals("done", c.value("SELECT state FROM patina_runs WHERE run_id = ?", run));
        assertEquals(1, c.smtp.getReceivedMessages().length, "its digest went out once: " + out);
      } finally {
        node.shutdown(Duration.ZERO);
      }
    }
  }

  @Test
  void aNodeAgainstADatabaseWhoseSchemaIsNewerThanItKnowsIsRefusedWithTheReason() throws Exception {
    try (NodeCluster c = new NodeCluster(dir, pg, 1, NEVER)) {
      ClusterDatabase.open(c.db); // the schema as this Patina makes it, then what a newer one adds
      c.value("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, "
          + "installed_by, execution_time, success) VALUES (99, '99', 'newer', 'SQL', 'V99__newer.sql', 1, "
          + "'patina', 1, true) RETURNING 1");
      Process node = c.start("node-1", List.of("a"));
      assertTrue(node.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), c.logs());
      assertEquals(dev.patina.app.Main.FAILED, node.exitValue(), c.logs());
      assertTrue(c.logOf("node-1").contains("patina: cluster: the cluster database " + c.db.url()
          + " has schema version 99, newer than this Patina knows (9): another node runs a newer Patina. Upgrade "
          + "this node to that version; it was not started and changed nothing."), c.logs());
      assertEquals(0L, c.value("SELECT count(*) FROM patina_nodes"), "it did not join");
    }
  }

  @Test
  void theRunsOwnerStoppedWithSigtermHandsItsRunToTheOtherNodeAfterTheGraceTime() throws Exception {
    try (NodeCluster c = new NodeCluster(dir, pg, 3, NEVER)) {
      c.concurrency = 1;
      c.grace = 1;
      c.slow("a", Duration.ofMillis(300));
      c.slow("b", Duration.ofMillis(300));
      c.start("node-1", List.of("a", "b"), "--run-now"); // alone: the run is node-1's
      c.awaitMembers("node-1");
      String run = theRun(c);
      assertEquals("node-1", c.value("SELECT owner_node FROM patina_runs WHERE run_id = ?", run));
      c.start("node-2", List.of("a", "b"));
      c.awaitMembers("node-2");
      assertTrue(c.terminate("node-1"), "node-1 did not stop" + c.logs());
      assertTrue(c.logOf("node-1").contains("this node is stopping; run " + run + " is left to the other nodes")
          || "done".equals(c.value("SELECT state FROM patina_runs WHERE run_id = ?", run)), c.logs());

      c.awaitDoneAndMailed(run, Duration.ofSeconds(90));
      assertOneCommitAndOneDigest(c, run);
    }
  }
}
