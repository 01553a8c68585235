package dev.patina.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.app.Main;
import dev.patina.app.run.DeviceResult;
import dev.patina.app.run.RunResult;
import dev.patina.sim.SimDevice;
import dev.patina.store.RepoStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node that finds a device as the run's owner had it records "unchanged, tree X" instead of the
 * configuration, and the owner's commit is still the one a single node would make: nodes as
 * {@code Service}s in this JVM on a real PostgreSQL, simulated IOS devices, real git.
 */
class ClusterUnchangedResultsTest extends WithPostgres {
  private static final String NEVER = "0 0 0 1 1 ? 2099";
  /** A full result of this capture is about 2 KB gzip'd; "same tree" is its id and a few fields. */
  private static final int SMALL = 200;
  @TempDir Path dir;

  /** The newest run's id. */
  private static String lastRun(NodeCluster c) {
    return (String) c.value("SELECT run_id FROM patina_runs ORDER BY created_at DESC LIMIT 1");
  }

  /** Each device's recorded result in run {@code runId}, un-gzip'd. */
  private static Map<String, byte[]> results(NodeCluster c, String runId) throws Exception {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (Connection conn = c.connection(); PreparedStatement st = conn.prepareStatement(
        "SELECT device, result FROM patina_work_items WHERE run_id = ? ORDER BY device")) {
      st.setString(1, runId);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) out.put(rs.getString(1), rs.getBytes(2));
      }
    }
    return out;
  }

  private static String gunzipped(byte[] result) throws Exception {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(result))) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private static List<String> names(List<? extends DeviceResult> results) {
    return results.stream().map(DeviceResult::name).sorted().toList();
  }

  /** /proc/net/bonding/bond0 of a Linux host with an LACP bond of two links (the linux model's state document). */
  private static final String BOND0 = """
      Ethernet Channel Bonding Driver: v6.1.0-28-amd64

      Bonding Mode: IEEE 802.3ad Dynamic link aggregation
      Transmit Hash Policy: layer3+4 (1)
      MII Status: up
      MII Polling Interval (ms): 100
      Up Delay (ms): 0
      Down Delay (ms): 0

      Slave Interface: eth0
      MII Status: up
      Speed: 10000 Mbps
      Duplex: full
      Link Failure Count: 0
      Permanent HW addr: 52:54:00:12:34:56
      Slave queue ID: 0

      Slave Interface: eth1
      MII Status: up
      Speed: 10000 Mbps
      Duplex: full
      Link Failure Count: 0
      Permanent HW addr: 52:54:00:12:34:57
      Slave queue ID: 0
      """;

  @Test
  void aRunWhereNothingChangedRecordsOnlyTreeIdsInTheDatabaseAndCommitsNothing() throws Exception {
    Path root = Files.createDirectories(dir.resolve("nat-1-root/proc/net/bonding"));
    Files.writeString(root.resolve("bond0"), BOND0);
    try (NodeCluster c = new NodeCluster(dir, pg, 2, NEVER);
        SimDevice nat = SimDevice.linuxHost(dir.resolve("nat-1-root")).start()) {
      // and a Linux host, whose bond is a state document: an unchanged result carries it, read from git
      Files.writeString(c.dir.resolve("devices.yaml"), String.format("  - { name: nat-1, host: %s, port: %d, "
          + "model: linux, username: %s, password: %s, zone: a }%n", nat.host(), nat.port(), nat.username(),
          nat.password()), java.nio.file.StandardOpenOption.APPEND);
      try (ServiceNode n = new ServiceNode(c, "node-1")) {
        RunResult first = n.runAll();
        assertEquals(5, first.changed().size(), first.summary());
        Map<String, byte[]> full = results(c, lastRun(c));

        RunResult second = n.runAll();

        assertEquals(5, second.unchangedCount(), second.summary());
        assertTrue(second.commitId().isEmpty(), "nothing to commit: " + second.summary());
        assertEquals(1, c.remoteCommits().size(), "the first run's commit only");
        String run = lastRun(c);
        Map<String, byte[]> small = results(c, run);
        assertEquals(full.keySet(), small.keySet());
        try (RepoStore shared = RepoStore.open(c.dir.resolve("shared.git"))) {
          RepoStore.HeadView head = shared.headView();
          for (String device : small.keySet()) {
            String text = gunzipped(small.get(device));
            if (device.startsWith("sw-")) { // nat-1's result is larger: the model's notes of files it lacks
              assertTrue(full.get(device).length > 5 * SMALL, device + "'s first result holds its configuration: "
                  + full.get(device).length + " bytes");
              assertTrue(small.get(device).length < SMALL, device + ": " + small.get(device).length + " bytes: "
                  + text);
            }
            assertEquals(head.tree(device), ((CollectedCodec.SameTree) CollectedCodec.decode(small.get(device), null,
                name -> null)).tree(), device + ": only its tree");
            assertFalse(text.contains("hostname") || text.contains("interface ") || text.contains("Bonding"),
                device + " sent configuration text: " + text);
          }
        }
        DeviceResult.Changed natFirst = first.changed().stream().filter(r -> r.name().equals("nat-1")).findFirst()
            .orElseThrow();
        DeviceResult.Unchanged natSecond = (DeviceResult.Unchanged) second.devices().stream()
            .filter(r -> r.name().equals("nat-1")).findFirst().orElseThrow();
        assertTrue(natFirst.state().containsKey("state/bonding/bond0"), natFirst.state().toString());
        assertEquals(natFirst.state(), natSecond.state(), "the state documents, as a single node has them");
      }
    }
  }

  @Test
  void aDeviceChangedBetweenRunsIsSentInFullAndCommittedWithItsDiff() throws Exception {
    try (NodeCluster c = new NodeCluster(dir, pg, 2, NEVER); ServiceNode n = new ServiceNode(c, "node-1")) {
      n.runAll();
      c.devices.get("sw-a1").replaceInReplies("description oxidized two", "description uplink to core-2");

      RunResult second = n.runAll();

      assertEquals(List.of("sw-a1"), names(second.changed()), second.summary());
      assertEquals(3, second.unchangedCount(), second.summary());
      DeviceResult.Changed a1 = second.changed().get(0);
      String diff = a1.diffs().stream().map(d -> d.unified()).reduce("", String::concat);
      assertTrue(diff.contains("- description oxidized two") && diff.contains("+ description uplink to core-2"),
          diff);
      RevCommit commit = c.remoteCommits().get(0);
      assertEquals(second.commitId().orElseThrow(), commit.getName());
      assertTrue(commit.getFullMessage().startsWith("1 changed: sw-a1\n"), commit.getFullMessage());
      try (RepoStore shared = RepoStore.open(c.dir.resolve("shared.git"))) {
        assertTrue(shared.readDevice("sw-a1").get("running-config").contains(" description uplink to core-2\n"));
      }
      Map<String, byte[]> results = results(c, lastRun(c));
      assertTrue(results.get("sw-a1").length > 5 * SMALL, "sw-a1 in full: " + results.get("sw-a1").length);
      for (String other : List.of("sw-a2", "sw-b1", "sw-b2")) {
        assertTrue(results.get(other).length < SMALL, other + ": " + results.get(other).length + " bytes");
      }
    }
  }

  /**
   * Another commit changes sw-a1 in the shared remote after the run was created (its items name
   * the trees before it) and before the owner's turn to write git: the owner must restore what
   * sw-a1 really has, exactly as a single node running then would.
   */
  @Test
  void whenTheBaseMovesBeforeTheCommitTheCommitIsTheOneASingleNodeMakes() throws Exception {
    try (NodeCluster c = new NodeCluster(dir, pg, 2, NEVER); ServiceNode n = new ServiceNode(c, "node-1")) {
      n.runAll();
      Path single = Files.createDirectories(dir.resolve("single"));
      CompletableFuture<RunResult> second;
      // the test holds the cluster's turn to write git: the owner collects, then waits for it
      try (Connection turn = c.connection(); Statement st = turn.createStatement()) {
        st.execute("SELECT pg_advisory_lock(" + ClusterRuns.GIT_WRITER_LOCK + ")");
        String firstRun = lastRun(c);
        second = CompletableFuture.supplyAsync(() -> {
          try {
            return n.runAll();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        c.await("the second run created", Duration.ofSeconds(30), () -> !firstRun.equals(lastRun(c)));
        c.await("its items collected", Duration.ofSeconds(60), () -> Long.valueOf(0).equals(c.value(
            "SELECT count(*) FROM patina_work_items WHERE run_id = ? AND state IN ('pending', 'claimed')",
            lastRun(c))));
        // someone else's commit touching sw-a1 reaches the shared remote meanwhile
        try (RepoStore other = RepoStore.open(dir.resolve("other"))) {
          other.syncFrom(c.dir.resolve("shared.git").toString());
          Map<String, String> edited = new LinkedHashMap<>(other.readDevice("sw-a1"));
          edited.put("running-config", edited.get("running-config") + "! edited elsewhere\n");
          other.writer().commit(Map.of("sw-a1", edited), "sw-a1 edited elsewhere", "someone");
          other.push(c.dir.resolve("shared.git").toString());
        }
        // a single node's repository with the same history, for the comparison below
        try (RepoStore repo = RepoStore.open(single.resolve("repo"))) {
          repo.syncFrom(c.dir.resolve("shared.git").toString());
        }
        st.execute("SELECT pg_advisory_unlock(" + ClusterRuns.GIT_WRITER_LOCK + ")");
      }
      RunResult cluster = second.get(120, TimeUnit.SECONDS);
      assertEquals(List.of("sw-a1"), names(cluster.changed()), cluster.summary());
      Map<String, byte[]> results = results(c, lastRun(c));
      for (String device : results.keySet()) {
        assertTrue(results.get(device).length < SMALL, device + " recorded as its tree: "
            + results.get(device).length + " bytes");
      }
      RevCommit clusterCommit = c.remoteCommits().get(0);
      assertEquals(cluster.commitId().orElseThrow(), clusterCommit.getName());

      // a single node, no database, on a repository with the same history: its commit is the same
      try (RepoStore repo = RepoStore.open(single.resolve("repo"))) {
        assertEquals(clusterCommit.getParent(0).getName(), repo.headView().commit(), "the edited commit");
      }
      Path config = single.resolve("patina.yaml");
      Files.writeString(config, """
          repository: { path: "%s" }
          inventory: "%s"
          concurrency: 4
          timeouts: { connect: 5s, command: 5s, device: 60s }
          secrets: { key-file: "%s" }
          known-hosts: "%s"
          state-dir: "%s"
          """.formatted(single.resolve("repo"), c.dir.resolve("devices.yaml"), c.dir.resolve("secret.key"),
          single.resolve("known_hosts"), single.resolve("state")));
      assertEquals(Main.OK, Main.run("--config", config.toString(), "run"));
      try (RepoStore repo = RepoStore.open(single.resolve("repo"));
          org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(repo.repository())) {
        RevCommit singleCommit = walk.parseCommit(repo.repository().resolve("refs/heads/main"));
        assertEquals(singleCommit.getTree().getName(), clusterCommit.getTree().getName(),
            "the same devices, byte for byte");
        assertEquals(withoutRunTrailer(singleCommit.getFullMessage()), withoutRunTrailer(
            clusterCommit.getFullMessage()));
      }
      assertTrue(clusterCommit.getFullMessage().startsWith("1 changed: sw-a1\n"), clusterCommit.getFullMessage());
    }
  }

  private static String withoutRunTrailer(String message) {
    return message.replaceAll("(?m)^Patina-Run: .*\n", "").strip();
  }
}
