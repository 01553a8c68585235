package dev.patina.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.app.run.DeviceResult;
import dev.patina.app.run.RunResult;
import dev.patina.store.RepoStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose owner died after its devices were collected is finished by another node after a
 * newer run has committed the same device: the newer version stays, and the late run says why it
 * committed nothing (real PostgreSQL, a killed child JVM, real git).
 */
class ClusterLateCommitTest extends WithPostgres {
  private static final String NEVER = "0 0 0 1 1 ? 2099";
  @TempDir Path dir;

  @Test
  void anOlderRunCommittedAfterANewerOneLeavesTheNewerVersionOfItsDevicesAndSaysSo() throws Exception {
    try (NodeCluster c = new NodeCluster(dir, pg, 1, NEVER)) { // sw-a1 and sw-b1
      try (ServiceNode first = new ServiceNode(c, "node-0")) {
        first.runAll();
      }
      c.devices.get("sw-a1").replaceInReplies("description oxidized two", "description older");
      String older;
      // the test holds the turn to write git: node-1 collects its run, then waits for the turn, and dies
      try (Connection turn = c.connection(); Statement st = turn.createStatement()) {
        st.execute("SELECT pg_advisory_lock(" + ClusterRuns.GIT_WRITER_LOCK + ")");
        c.start("node-1", List.of("a", "b"), "--run-now");
        // one query: asked apart ("none open", then "the run exists"), the run could be created
        // between the two, and the test went on with every item still pending (failed twice so)
        c.await("node-1's run collected", Duration.ofSeconds(120), () -> Objects.equals(Boolean.TRUE, c.value(
            "SELECT count(*) > 0 AND count(*) FILTER (WHERE w.state IN ('pending', 'claimed')) = 0 "
                + "FROM patina_runs r JOIN patina_work_items w USING (run_id) WHERE r.owner_node = 'node-1'")));
        older = (String) c.value("SELECT run_id FROM patina_runs WHERE owner_node = 'node-1'");
        c.kill("node-1");
        st.execute("SELECT pg_advisory_unlock(" + ClusterRuns.GIT_WRITER_LOCK + ")");
      }
      c.devices.get("sw-a1").replaceInReplies("description older", "description newer");

      try (ServiceNode n = new ServiceNode(c, "node-2")) {
        // created after node-1's run, committed before node-2 takes that one over
        RunResult newer = n.runAll();
        assertEquals(List.of("sw-a1"), newer.changed().stream().map(DeviceResult::name).toList(), newer.summary());
        String newerRun = (String) c.value("SELECT run_id FROM patina_runs WHERE owner_node = 'node-2' "
            + "AND run_id <> ?", older);
        c.awaitDoneAndMailed(older, Duration.ofSeconds(90));

        assertEquals("node-2", c.value("SELECT owner_node FROM patina_runs WHERE run_id = ?", older), n.log());
        assertNull(c.value("SELECT commit_id FROM patina_runs WHERE run_id = ?", older), "nothing to commit");
        assertEquals(List.of("0", "2", "0"), c.rows("SELECT changed, unchanged, failed FROM patina_runs "
            + "WHERE run_id = ?", older).get(0));
        List<String> commits = c.remoteRunIds();
        assertEquals(newerRun, commits.get(0), "the newer run's commit is the last: " + commits);
        assertFalse(commits.contains(older), commits.toString());
        try (RepoStore shared = RepoStore.open(c.dir.resolve("shared.git"))) {
          String config = shared.readDevice("sw-a1").get("running-config");
          assertTrue(config.contains(" description newer\n") && !config.contains("description older"), config);
        }
        String warning = "warning run " + older + " finished late (taken over, or committed again after a failed "
            + "push): 1 device(s) not committed because newer runs have committed them since (sw-a1)";
        assertTrue(n.log().contains(warning), n.log() + "\nthe older run's items (device, state, outcome, node, "
            + "attempts, result bytes): " + c.rows("SELECT device, state, outcome, lease_owner, attempts, length(result) "
            + "FROM patina_work_items WHERE run_id = ? ORDER BY device", older));
      }
    }
  }
}
