package dev.patina.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.sim.Fault;
import dev.patina.store.RepoStore;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole chain: simulated SSH devices, a real git repository, a real SMTP server. */
class EndToEndTest {
  private static final String C9200 = "ios#C9200L-24P-4G_17.09.04a";
  private static final String ASR920 = "ios#asr920_16.8.1b";

  @Test
  void aConfigChangeBetweenTwoRunsMakesOneCommitTouchingOnlyThatDeviceAndOneEmailWithTheLine(@TempDir Path dir)
      throws Exception {
    try (TestFleet fleet = new TestFleet(dir).ios("core-sw1", C9200).ios("edge-rtr1", ASR920)) {
      TestFleet.Result first = fleet.patina("run");
      assertEquals(0, first.status(), first.toString());
      int mailsAfterFirst = fleet.smtp.getReceivedMessages().length;

      fleet.devices.get("core-sw1").replaceInReplies("description oxidized two", "description uplink to dist-2");
      TestFleet.Result second = fleet.patina("run");
      assertEquals(0, second.status(), second.toString());

      try (Repository repo = fleet.repository()) {
        List<RevCommit> commits = commits(repo);
        assertEquals(2, commits.size(), "one commit per run that changed something");
        assertEquals(List.of("devices/core-sw1/running-config"), changedPaths(repo, commits.get(0)));
        String stored = read(repo, "devices/core-sw1/running-config");
        assertTrue(stored.contains(" description uplink to dist-2\n"), stored);
        assertFalse(stored.contains("description oxidized two"));
        assertTrue(commits.get(0).getFullMessage().contains("core-sw1"), commits.get(0).getFullMessage());
      }
      MimeMessage[] mails = fleet.smtp.getReceivedMessages();
      assertEquals(mailsAfterFirst + 1, mails.length, "one digest for the second run");
      String mail = raw(mails[mails.length - 1]);
      assertTrue(mail.contains("+ description uplink to dist-2"), mail);
      assertTrue(mail.contains("- description oxidized two"), mail);
      assertNoCaptureSecrets(fleet, mail);
    }
  }

  @Test
  void aRunWithNoChangeMakesNoCommitAndSendsNoEmail(@TempDir Path dir) throws Exception {
    try (TestFleet fleet = new TestFleet(dir).ios("core-sw1", C9200)) {
      assertEquals(0, fleet.patina("run").status());
      int mails = fleet.smtp.getReceivedMessages().length;
      ObjectId head;
      try (Repository repo = fleet.repository()) {
        head = repo.resolve("HEAD");
      }
      TestFleet.Result again = fleet.patina("run");
      assertEquals(0, again.status(), again.toString());
      try (Repository repo = fleet.repository()) {
        assertEquals(head, repo.resolve("HEAD"));
      }
      assertEquals(mails, fleet.smtp.getReceivedMessages().length);
      assertTrue(again.out().contains("nothing to commit"), again.out());
    }
  }

  @Test
  void aReportIntoAMissingFolderIsAClearErrorAndANonZeroExitAndAPipeIsWrittenThroughNotReplaced(@TempDir Path dir)
      throws Exception {
    try (TestFleet fleet = new TestFleet(dir).ios("core-sw1", C9200)) {
      Path missing = dir.resolve("no-such-folder/report.json");
      TestFleet.Result lost = fleet.patina("run", "--report", missing.toString());
      assertEquals(1, lost.status(), lost.toString());
      assertTrue(lost.err().contains("the folder " + missing.getParent() + " does not exist"), lost.toString());
      assertFalse(java.nio.file.Files.exists(missing.getParent()), "no folder is made up");

      Path fifo = dir.resolve("report.fifo");
      assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
      Process reader = new ProcessBuilder("cat", fifo.toString()).start();
      TestFleet.Result piped = fleet.patina("run", "--report", fifo.toString());
      assertEquals(0, piped.status(), piped.toString());
      String json = new String(reader.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(json.contains("\"core-sw1\""), json);
      assertFalse(java.nio.file.Files.isRegularFile(fifo), "the pipe is still a pipe");
    }
  }

  @Test
  void aDigestThatCannotBeQueuedMakesTheRunExitNonZeroAndSaysSo(@TempDir Path dir) throws Exception {
    try (TestFleet fleet = new TestFleet(dir).ios("core-sw1", C9200)) {
      java.nio.file.Files.createDirectories(dir.resolve("state"));
      java.nio.file.Files.writeString(dir.resolve("state/outbox"), "a file where the outbox folder must be\n");
      TestFleet.Result run = fleet.patina("run");
      assertEquals(1, run.status(), run.toString());
      assertTrue(run.out().contains("could not be queued and are lost"), run.toString());
    }
  }

  @Test
  void negativeWaitsAndCountsOnTheCommandLineAreRefusedBeforeAnythingRuns(@TempDir Path dir) {
    String config = dir.resolve("absent.yaml").toString();
    TestFleet.Result wait = TestFleet.run("--config", config, "run", "--lock-wait", "-5");
    assertEquals(2, wait.status(), wait.toString());
    assertTrue(wait.err().contains("patina: --lock-wait -5: give 0 or more seconds"), wait.toString());
    TestFleet.Result log = TestFleet.run("--config", config, "log", "-n", "-1");
    assertEquals(2, log.status(), log.toString());
    assertTrue(log.err().contains("patina: -n -1: give 1 or more commits"), log.toString());
    TestFleet.Result grace = TestFleet.run("--config", config, "serve", "--grace", "-1");
    assertEquals(2, grace.status(), grace.toString());
  }

  @Test
  void aLatin1FileOnALinuxHostIsStoredByteForByteAndASecondRunSeesNoChange(@TempDir Path dir) throws Exception {
    Path root = java.nio.file.Files.createDirectories(dir.resolve("root/etc/network"));
    byte[] latin1 = "# r\u00e9seau du caf\u00e9\nauto eth0\niface eth0 inet dhcp\n"
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    java.nio.file.Files.write(root.resolve("interfaces"), latin1);
    try (TestFleet fleet = new TestFleet(dir).linux("nat-1", dir.resolve("root"))) {
      TestFleet.Result first = fleet.patina("run", "--no-mail");
      assertEquals(0, first.status(), first.toString());
      try (Repository repo = fleet.repository()) {
        RevCommit head = new RevWalk(repo).parseCommit(repo.resolve("HEAD"));
        try (TreeWalk tw = TreeWalk.forPath(repo, "devices/nat-1/interfaces", head.getTree())) {
          org.junit.jupiter.api.Assertions.assertArrayEquals(latin1, repo.open(tw.getObjectId(0)).getBytes());
        }
      }
      TestFleet.Result second = fleet.patina("run", "--no-mail");
      assertEquals(0, second.status(), second.toString());
      assertTrue(second.out().contains("nothing to commit"), second.out());
    }
  }

  @Test
  void aDeviceThatDisconnectsHalfwayFailsKeepsItsPreviousVersionAndTheOthersAreCommitted(@TempDir Path dir)
      throws Exception {
    try (TestFleet fleet = new TestFleet(dir).ios("core-sw1", C9200).ios("edge-rtr1", ASR920)) {
      assertEquals(0, fleet.patina("run").status());
      String before;
      try (Repository repo = fleet.repository()) {
        before = read(repo, "devices/core-sw1/running-config");
      }
      fleet.devices.get("core-sw1").replaceInReplies("description oxidized two", "description half written");
      fleet.devices.get("core-sw1").fault(Fault.disconnectMidReply("show running-config"));
      fleet.devices.get("edge-rtr1").replaceInReplies("interface Loopback9\n description: test 123", "interface Loopback9\n description: loopback for change 4711");

      TestFleet.Result run = fleet.patina("run");
      assertEquals(1, run.status(), run.toString());
      assertTrue(run.out().contains("core-sw1"), run.out());
      assertTrue(run.out().contains("FAILED"), run.out());
      try (Repository repo = fleet.repository()) {
        assertEquals(before, read(repo, "devices/core-sw1/running-config"), "previous version untouched");
        List<RevCommit> commits = commits(repo);
        assertEquals(List.of("devices/edge-rtr1/running-config"), changedPaths(repo, commits.get(0)));
      }
      String mail = raw(last(fleet));
      assertTrue(mail.contains("core-sw1"), mail);
    }
  }

  @Test
  void aBrokenDevicesYamlExitsTwoNamingFileAndLineAndWritesNothing(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("patina.yaml"), "repository: { path: repo }\ninventory: devices.yaml\n");
    Files.writeString(dir.resolve("devices.yaml"), """
        devices:
          - { name: ok-1, host: 127.0.0.1, model: cisco-ios, username: u, password: p }
          - { name: "core sw1", host: 127.0.0.1, model: cisco-ios, username: u, password: p }
        """);
    TestFleet.Result r = TestFleet.run("--config", dir.resolve("patina.yaml").toString(), "run");
    assertEquals(2, r.status(), r.toString());
    assertTrue(r.err().contains("devices.yaml:3:"), r.err());
    assertTrue(r.err().contains("core sw1"), r.err());
    assertFalse(Files.exists(dir.resolve("repo")), "nothing written");
  }

  @Test
  void aChangedHostKeyIsRefusedReportedAndNothingIsStoredForThatDevice(@TempDir Path dir) throws Exception {
    try (TestFleet fleet = new TestFleet(dir).ios("core-sw1", C9200).ios("edge-rtr1", ASR920)) {
      assertEquals(0, fleet.patina("run").status());
      String before;
      try (Repository repo = fleet.repository()) {
        before = read(repo, "devices/core-sw1/running-config");
      }
      fleet.devices.get("core-sw1").newHostKey();
      fleet.devices.get("core-sw1").replaceInReplies("description oxidized two", "description attacker");
      TestFleet.Result r = fleet.patina("run");
      assertEquals(1, r.status(), r.toString());
      assertTrue(r.out().toLowerCase().contains("host key"), r.out());
      assertTrue(r.out().contains("patina hostkey forget core-sw1"), r.out());
      try (Repository repo = fleet.repository()) {
        assertEquals(before, read(repo, "devices/core-sw1/running-config"));
      }
    }
  }

  /** The capture's secret.yaml strings appear in none of core-sw1's stored artifacts, nor in the mail. */
  private static void assertNoCaptureSecrets(TestFleet fleet, String mail) throws Exception {
    List<String> secrets = List.of("SECRET", "public", "AAAAAAAAAABBBBBBBBBB");
    try (RepoStore store = RepoStore.open(fleet.dir.resolve("repo"))) {
      String all = String.join("\n", store.readDevice("core-sw1").values());
      for (String s : secrets) {
        assertFalse(all.contains(s), "secret " + s + " in git");
        assertFalse(mail.contains(s), "secret " + s + " in the email");
      }
      assertTrue(all.contains("<secret:"), "masked secrets are stored as tokens");
    }
  }

  static MimeMessage last(TestFleet fleet) {
    MimeMessage[] m = fleet.smtp.getReceivedMessages();
    return m[m.length - 1];
  }

  /** Subject and every text part of a message, decoded (transfer encodings hide text from a raw search). */
  static String raw(MimeMessage m) throws Exception {
    StringBuilder out = new StringBuilder("Subject: ").append(m.getSubject()).append('\n');
    appendParts(m.getContent(), out);
    return out.toString();
  }

  private static void appendParts(Object content, StringBuilder out) throws Exception {
    if (content instanceof String s) {
      out.append(s.replace("\r\n", "\n")).append('\n');
    } else if (content instanceof jakarta.mail.Multipart mp) {
      for (int i = 0; i < mp.getCount(); i++) appendParts(mp.getBodyPart(i).getContent(), out);
    } else {
      throw new AssertionError("unexpected mail content " + content.getClass());
    }
  }

  static List<RevCommit> commits(Repository repo) throws Exception {
    List<RevCommit> list = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repo)) {
      walk.markStart(walk.parseCommit(repo.resolve("HEAD")));
      for (RevCommit c : walk) list.add(c);
    }
    return list;
  }

  static List<String> changedPaths(Repository repo, RevCommit commit) throws Exception {
    try (RevWalk walk = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
      RevCommit c = walk.parseCommit(commit);
      RevCommit parent = walk.parseCommit(c.getParent(0));
      tw.addTree(parent.getTree());
      tw.addTree(c.getTree());
      tw.setRecursive(true);
      List<String> paths = new ArrayList<>();
      for (DiffEntry e : DiffEntry.scan(tw)) paths.add(e.getNewPath());
      return paths;
    }
  }

  static String read(Repository repo, String path) throws Exception {
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit head = walk.parseCommit(repo.resolve("HEAD"));
      try (TreeWalk tw = TreeWalk.forPath(repo, path, head.getTree())) {
        if (tw == null) throw new AssertionError(path + " not in HEAD");
        return new String(repo.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
      }
    }
  }
}
