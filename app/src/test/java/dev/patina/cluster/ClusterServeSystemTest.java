package dev.patina.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.sim.os.Postgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code patina serve} nodes as real child JVMs on a real PostgreSQL, against simulated
 * devices in zones a and b: node-1 collects zone a, node-2 zones a and b, node-3 zone b.
 */
class ClusterServeSystemTest {
  private static final String NEVER = "0 0 0 1 1 ? 2099";
  private static Postgres pg;

  @TempDir Path dir;

  @BeforeAll
  static void startPostgres() throws Exception {
    pg = Postgres.start();
  }

  @AfterAll
  static void stopPostgres() {
    if (pg != null) pg.close();
  }

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
      for (int k = 1; k <= 3; k++) {
        int want = k;
        c.await(want + " runs done", Duration.ofSeconds(90), () -> {
          Object n = c.value("SELECT count(*) FROM patina_runs WHERE state = 'done'");
          return n != null && ((Number) n).intValue() >= want;
        });
        // a change on one device before the next firing, so that runs keep making commits
        c.devices.get("sw-a1").replaceInReplies("hostname LAB-SW123_9200L", "hostname LAB-SW123_9200L-" + k);
      }
      List<List<String>> runs = c.rows("SELECT run_id, commit_id FROM patina_runs WHERE state = 'done' "
          + "ORDER BY run_id");
      runs.forEach(r -> done.add(r.get(0)));

      // once per period: no two runs in one 4-second period (a run that outlasts its period makes the
      // next firing late, and Quartz then fires it once), and no node found a firing's run made already
      Set<Long> periods = new HashSet<>();
      for (String id : done) {
        Instant fired = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss[.SSS]X")
            .parse(id.substring(0, id.indexOf('-')), Instant::from);
        assertTrue(periods.add(fired.getEpochSecond() / 4), "two runs in one period: " + done + c.logs());
      }
      for (String n : c.nodes.keySet()) assertFalse(c.logOf(n).contains("exists already"), c.logs());
      // each device once per run
      assertEquals(List.of(), c.rows("SELECT run_id, device, attempts FROM patina_work_items WHERE attempts <> 1 "
          + "AND run_id IN (SELECT run_id FROM patina_runs WHERE state = 'done')"));
      // in git: one commit per run that changed something, named by its run, never one run twice
      List<String> inGit = c.remoteRunIds();
      assertEquals(inGit.size(), new HashSet<>(inGit).size(), "a run committed twice: " + inGit);
      assertFalse(inGit.contains(null), "a commit without its run: " + inGit);
      List<String> committedRuns = runs.stream().filter(r -> r.get(1) != null).map(r -> r.get(0)).toList();
      assertTrue(committedRuns.size() >= 2, "runs " + runs);
      assertTrue(inGit.containsAll(committedRuns), inGit + " vs " + runs);
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
}
