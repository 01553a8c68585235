package dev.patina.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.app.run.RunResult;
import dev.patina.store.RunLog;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every node of a cluster must see alike, with nodes as {@code Service}s in this JVM (one
 * after the other) on a real PostgreSQL: failures in a row, the runs page, and a push the shared
 * remote refuses (a real refusal: the remote's branch is locked, as a git process that died
 * holding it leaves it).
 */
class ClusterSharedStateTest extends WithPostgres {
  private static final String NEVER = "0 0 0 1 1 ? 2099";
  @TempDir Path dir;

  private static List<String> subjects(NodeCluster c) throws Exception {
    List<String> out = new ArrayList<>();
    for (MimeMessage m : c.smtp.getReceivedMessages()) out.add(m.getSubject());
    return out;
  }

  private static String get(java.net.URI uri) throws Exception {
    var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(uri).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), uri + ": " + response.body());
    return response.body();
  }

  /** Every text part of a message's content, decoded. */
  private static String text(Object content) throws Exception {
    if (content instanceof String s) return s;
    StringBuilder out = new StringBuilder();
    jakarta.mail.Multipart mp = (jakarta.mail.Multipart) content;
    for (int i = 0; i < mp.getCount(); i++) out.append(text(mp.getBodyPart(i).getContent())).append('\n');
    return out.toString();
  }

  private static void awaitOutboxSent(NodeCluster c) {
    c.await("the outbox sent", Duration.ofSeconds(30), () ->
        Objects.equals(0L, c.value("SELECT count(*) FROM patina_outbox WHERE state <> 'sent'")));
  }

  @Test
  void aDeviceFailingInThreeRunsOwnedByThreeNodesIsThreeInARowAndAlertsOnceAndEveryNodeShowsTheClustersRuns()
      throws Exception {
    try (NodeCluster c = new NodeCluster(dir, pg, 1, NEVER)) {
      c.devices.get("sw-b1").close(); // refuses connections from now on
      List<String> logs = new ArrayList<>();
      for (String name : List.of("node-1", "node-2", "node-3")) {
        try (ServiceNode n = new ServiceNode(c, name)) {
          RunResult r = n.runAll();
          assertEquals(List.of("sw-b1"), r.failed().stream().map(f -> f.device().name()).toList(), n.log());
          logs.add(n.log());
          awaitOutboxSent(c);
        }
      }
      assertEquals(List.of("node-1", "node-2", "node-3"), c.rows("SELECT owner_node FROM patina_runs "
          + "ORDER BY created_at").stream().map(r -> r.get(0)).toList());
      assertEquals("3", c.rows("SELECT failures FROM patina_device_status WHERE device = 'sw-b1'").get(0).get(0),
          String.join("\n", logs));
      assertEquals("0", c.rows("SELECT failures FROM patina_device_status WHERE device = 'sw-a1'").get(0).get(0));
      List<String> alerts = subjects(c).stream().filter(s -> s.startsWith("[patina] ALERT")).toList();
      assertEquals(List.of("[patina] ALERT sw-b1 failed 3 runs in a row"), alerts, subjects(c).toString());

      // the runs page and the devices table of any node: the cluster's, from the database
      try (ServiceNode n = new ServiceNode(c, "node-4")) {
        List<RunLog.Run> runs = n.service.runHistory().runs(10);
        assertEquals(3, runs.size(), runs.toString());
        assertEquals(List.of(List.of("sw-b1"), List.of("sw-b1"), List.of("sw-b1")),
            runs.stream().map(RunLog.Run::failedDevices).toList());
        assertEquals(1, runs.getLast().added(), "the first run added sw-a1: " + runs);
        assertEquals(3, n.service.failureCounts().read().get("sw-b1").orElseThrow().consecutiveFailures());
        assertEquals(List.of(), n.service.patina().store().runLog().runs(10), "node-4 made no run itself");
      }
      // a separate `patina web` of a cluster node too, over HTTP
      try (dev.patina.app.web.WebProcess web = dev.patina.app.web.WebProcess.start(c.writeConfig("node-5",
          List.of("a")), "127.0.0.1:0", Duration.ofSeconds(5), new PrintStream(new ByteArrayOutputStream()))) {
        String runs = get(web.server().uri().resolve("/api/v1/runs"));
        assertEquals(3, runs.split("\"trigger\":\"test run\"", -1).length - 1, runs);
        String device = get(web.server().uri().resolve("/api/v1/devices/sw-b1"));
        assertTrue(device.contains("\"failures_in_a_row\":3"), device);
      }
    }
  }

  /** The shared remote refuses every update: its branch is locked. */
  private static Path lockRemote(NodeCluster c) throws Exception {
    Path heads = Files.createDirectories(c.dir.resolve("shared.git/refs/heads"));
    return Files.createFile(heads.resolve("main.lock"));
  }

  @Test
  void aPushTheRemoteRefusesLeavesTheRunUnpushedWithGitsAnswerAndItsOwnerPushesItOnceTheRemoteTakesIt()
      throws Exception {
    try (NodeCluster c = new NodeCluster(dir, pg, 1, NEVER)) {
      Path lock = lockRemote(c);
      try (ServiceNode n = new ServiceNode(c, "node-1")) {
        RunResult r = n.runAll();
        String run = (String) c.value("SELECT run_id FROM patina_runs");
        String remote = c.dir.resolve("shared.git").toString();
        assertTrue(r.commitId().isPresent(), n.log());
        String warning = r.warnings().stream().filter(w -> w.startsWith("push to ")).findFirst().orElse("");
        assertTrue(warning.startsWith("push to " + remote + " refused: refs/heads/main"), r.warnings().toString());
        assertTrue(warning.contains("Run " + run + "'s commit " + r.commitId().get().substring(0, 10)
            + " is only in node-1's repository: the run stays 'unpushed'"), warning);
        assertTrue(n.log().contains("warning push to " + remote + " refused"), n.log());
        assertEquals(List.of("unpushed", "1"), c.rows("SELECT state, push_attempts FROM patina_runs").get(0));
        assertTrue(((String) c.value("SELECT push_error FROM patina_runs")).startsWith("push to " + remote
            + " refused"));
        assertEquals(List.of(), c.remoteRunIds(), "the remote took nothing");
        assertTrue(n.service.runHistory().runs(1).get(0).trigger().contains("committed on node-1, not pushed to "
            + "the shared remote yet: push to " + remote + " refused"), n.service.runHistory().runs(1).toString());
        awaitOutboxSent(c);
        String digest = text(c.smtp.getReceivedMessages()[0].getContent());
        assertTrue(digest.contains("refused"), "the digest tells of the refused push: " + digest);

        Files.delete(lock); // the remote takes updates again
        c.await("run " + run + " pushed", Duration.ofSeconds(30), () -> "done".equals(c.value(
            "SELECT state FROM patina_runs WHERE run_id = ?", run)));
        assertNull(c.value("SELECT push_error FROM patina_runs"));
        assertEquals(List.of(run), c.remoteRunIds());
        assertEquals(r.commitId().get(), c.remoteCommits().get(0).getName(), "the same commit, not a second one");
        assertTrue(n.log().contains("cluster: run " + run + ": its commit " + r.commitId().get() + " is in " + remote
            + " now"), n.log());
        Thread.sleep(2000);
        awaitOutboxSent(c);
        assertEquals(1, c.smtp.getReceivedMessages().length, "one digest: " + subjects(c));
      }
    }
  }

  @Test
  void anUnpushedRunWhoseOwnerIsGoneIsCommittedAgainByTheNodeTakingItOverAndPushed() throws Exception {
    try (NodeCluster c = new NodeCluster(dir, pg, 1, NEVER)) {
      Path lock = lockRemote(c);
      String run;
      String firstCommit;
      try (ServiceNode n = new ServiceNode(c, "node-1")) {
        RunResult r = n.runAll();
        run = (String) c.value("SELECT run_id FROM patina_runs");
        firstCommit = r.commitId().orElseThrow();
        assertEquals("unpushed", c.value("SELECT state FROM patina_runs"), n.log());
        awaitOutboxSent(c);
      } // node-1 is gone, and its repository with it as far as the cluster knows
      Files.delete(lock);
      try (ServiceNode n = new ServiceNode(c, "node-2")) {
        c.await("run " + run + " taken over and pushed", Duration.ofSeconds(60), () -> "done".equals(c.value(
            "SELECT state FROM patina_runs WHERE run_id = ?", run)));
        assertEquals("node-2", c.value("SELECT owner_node FROM patina_runs"));
        assertEquals(List.of(run), c.remoteRunIds(), n.log());
        assertEquals(c.devices.keySet(), c.remoteDevices(), "every device of the run in its commit");
        assertNotEquals(firstCommit, c.remoteCommits().get(0).getName(), "committed again by node-2");
        assertEquals(c.remoteCommits().get(0).getName(), c.value("SELECT commit_id FROM patina_runs"));
        Thread.sleep(2000);
        awaitOutboxSent(c);
        assertEquals(1, c.smtp.getReceivedMessages().length, "one digest: " + subjects(c));
      }
    }
  }

  @Test
  void aNodeWhoseSecretKeyIsNotTheClustersIsRefusedAndADifferentInventoryIsWarnedAboutByBothNodes()
      throws Exception {
    try (NodeCluster c = new NodeCluster(dir, pg, 1, NEVER)) {
      c.start("node-1", List.of("a", "b"));
      c.awaitMembers("node-1");
      String keyId = dev.patina.diff.SecretMasker.loadOrCreate(c.dir.resolve("secret.key")).keyId();
      assertEquals(keyId, c.value("SELECT key_id FROM patina_nodes WHERE node = 'node-1'"));
      assertTrue(!Files.readString(c.dir.resolve("secret.key")).contains(keyId), "the key id is not the key");

      Path otherKey = c.dir.resolve("other.key");
      String otherId = dev.patina.diff.SecretMasker.loadOrCreate(otherKey).keyId();
      c.keyFiles.put("node-2", otherKey);
      Process refused = c.start("node-2", List.of("a"));
      assertTrue(refused.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), c.logs());
      assertEquals(dev.patina.app.Main.FAILED, refused.exitValue(), c.logs());
      assertTrue(c.logOf("node-2").contains("patina: cluster: the secret key " + otherKey + " of node node-2 (key id "
          + otherId + ") is not the cluster's (key ids of the live nodes: node-1 " + keyId + "). Masked values "
          + "would differ between nodes and every run would show false changes. Copy the key file of a running "
          + "node to " + otherKey + " on node-2"), c.logs());
      assertEquals(0L, c.value("SELECT count(*) FROM patina_nodes WHERE node = 'node-2'"), "it did not join");
      c.nodes.remove("node-2"); // its end was the point

      // an inventory without sw-b1: both nodes say so, naming each other
      Path fewer = c.dir.resolve("fewer.yaml");
      Files.writeString(fewer, Files.readString(c.dir.resolve("devices.yaml")).lines()
          .filter(l -> !l.contains("sw-b1")).collect(java.util.stream.Collectors.joining("\n", "", "\n")));
      c.inventories.put("node-3", fewer);
      c.start("node-3", List.of("b"));
      c.awaitMembers("node-3");
      c.await("both nodes warn of the other's inventory", Duration.ofSeconds(40), () ->
          c.logOf("node-3").contains("WARNING the inventory differs between nodes: node-3 read " + fewer
              + " (1 devices") && c.logOf("node-3").contains("; node-1 read " + c.dir.resolve("devices.yaml")
              + " (2 devices") && c.logOf("node-1").contains("WARNING the inventory differs between nodes: node-1 "
              + "read " + c.dir.resolve("devices.yaml") + " (2 devices") && c.logOf("node-1").contains(
              "; node-3 read " + fewer + " (1 devices"));
      assertTrue(c.nodes.get("node-3").isAlive(), "a different inventory is a warning, not a refusal" + c.logs());

      // a running node reloaded with another key: refused, it runs on with the cluster's
      try (ServiceNode n = new ServiceNode(c, "node-4")) {
        c.keyFiles.put("node-4", otherKey);
        c.writeConfig("node-4", List.of("a", "b"));
        n.service.reload();
        assertTrue(n.log().contains("reload refused, still running the previous configuration:"), n.log());
        assertTrue(n.log().contains("the secret key " + otherKey + " of node node-4 (key id " + otherId + ") is not "
            + "the cluster's"), n.log());
        assertEquals(keyId, c.value("SELECT key_id FROM patina_nodes WHERE node = 'node-4'"));
        assertEquals(c.dir.resolve("secret.key"), n.service.patina().config().secretKeyFile());
      }
    }
  }

  @Test
  void aNodeKilledAndStartedAgainWhileItOwnsARunTakesItBackOnceAndFinishesIt() throws Exception {
    try (NodeCluster c = new NodeCluster(dir, pg, 1, NEVER)) {
      c.slow("a", Duration.ofMillis(300));
      c.slow("b", Duration.ofMillis(300));
      c.start("node-1", List.of("a", "b"), "--run-now"); // alone: nobody else could take its run
      c.await("node-1's run collecting", Duration.ofSeconds(60), () -> c.value("SELECT run_id FROM patina_runs "
          + "WHERE owner_node = 'node-1' AND state = 'collecting'") != null);
      String run = (String) c.value("SELECT run_id FROM patina_runs");
      c.kill("node-1");
      c.start("node-1", List.of("a", "b"));
      c.awaitDoneAndMailed(run, Duration.ofSeconds(90));
      String log = c.logOf("node-1");
      String taken = "cluster: run " + run + " (schedule default) taken over by node-1: this node owned it before it "
          + "restarted";
      assertEquals(1, log.split(java.util.regex.Pattern.quote(taken), -1).length - 1, "taken back once: " + log);
      assertEquals(2, ((Number) c.value("SELECT owner_epoch FROM patina_runs")).intValue());
      assertEquals(List.of(run), c.remoteRunIds());
      assertEquals(c.devices.keySet(), c.remoteDevices());
      assertEquals(1, c.smtp.getReceivedMessages().length, "one digest: " + subjects(c));
    }
  }
}
