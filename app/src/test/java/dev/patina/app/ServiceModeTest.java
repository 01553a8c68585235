package dev.patina.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.app.run.RunRequest;
import dev.patina.app.run.RunResult;
import dev.patina.app.serve.Service;
import dev.patina.sim.Fault;
import dev.patina.store.RepoLock;
import dev.patina.store.RepoStore;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** patina serve and the mail around runs: routing, outages, alerts, schedules, hard limits. */
class ServiceModeTest {
  private static final String C9200 = "ios#C9200L-24P-4G_17.09.04a";
  private static final String ASR920 = "ios#asr920_16.8.1b";

  @Test
  void eachGroupGetsItsOwnDigestWithOnlyItsDevices(@TempDir Path dir) throws Exception {
    try (TestFleet fleet = new TestFleet(dir).ios("core-sw1", C9200).ios("edge-rtr1", ASR920)) {
      fleet.groups("{ core: { mail-to: [core@test.invalid] }, edge: { mail-to: [edge@test.invalid] } }")
          .with("core-sw1", "group: core").with("edge-rtr1", "group: edge");
      assertEquals(0, fleet.patina("run").status());
      MimeMessage[] mails = fleet.smtp.getReceivedMessages();
      assertEquals(2, mails.length);
      for (MimeMessage m : mails) {
        String to = m.getAllRecipients()[0].toString();
        String body = EndToEndTest.raw(m);
        if (to.equals("core@test.invalid")) {
          assertTrue(m.getSubject().contains("core-sw1"), m.getSubject());
          assertFalse(body.contains("edge-rtr1"), body);
        } else {
          assertEquals("edge@test.invalid", to);
          assertFalse(body.contains("core-sw1"), body);
        }
      }
    }
  }

  @Test
  void withSmtpDownTheRunStillCommitsAndTheDigestIsDeliveredOnceWhenSmtpIsBack(@TempDir Path dir) throws Exception {
    try (TestFleet fleet = new TestFleet(dir, false).ios("core-sw1", C9200)) {
      TestFleet.Result first = fleet.patina("run");
      assertEquals(0, first.status(), first.toString());
      assertTrue(first.out().contains("kept in the outbox"), first.out());
      try (var repo = fleet.repository()) {
        assertTrue(repo.resolve("HEAD") != null, "committed although mail failed");
      }
      fleet.startSmtp();
      TestFleet.Result second = fleet.patina("run");
      assertEquals(0, second.status(), second.toString());
      assertEquals(1, fleet.smtp.getReceivedMessages().length, second.out());
      assertEquals(0, fleet.patina("run").status());
      assertEquals(1, fleet.smtp.getReceivedMessages().length, "delivered exactly once");
    }
  }

  @Test
  void aDeviceFailingRunAfterRunGivesOneAlertAndOneRecoveryNoticeNotAMailEachRun(@TempDir Path dir)
      throws Exception {
    try (TestFleet fleet = new TestFleet(dir).ios("core-sw1", C9200)) {
      fleet.mail("alert-after: 2");
      assertEquals(0, fleet.patina("run").status());
      int baseline = fleet.smtp.getReceivedMessages().length;
      fleet.devices.get("core-sw1").newHostKey();
      for (int i = 0; i < 4; i++) assertEquals(1, fleet.patina("run").status());
      List<String> subjects = subjects(fleet, baseline);
      assertEquals(2, subjects.size(), subjects.toString());
      assertTrue(subjects.get(0).contains("1 failed: core-sw1"), subjects.toString());
      assertEquals("[patina] ALERT core-sw1 failed 2 runs in a row", subjects.get(1));
      assertEquals(0, fleet.patina("hostkey", "forget", "core-sw1").status());
      assertEquals(0, fleet.patina("run").status());
      assertEquals(0, fleet.patina("run").status());
      subjects = subjects(fleet, baseline);
      assertEquals(3, subjects.size(), subjects.toString());
      assertEquals("[patina] RECOVERED core-sw1 after 4 failed runs", subjects.get(2));
    }
  }

  @Test
  void aStalledDeviceIsFreedByTheHardLimitWhileTheOthersFinish(@TempDir Path dir) throws Exception {
    try (TestFleet fleet = new TestFleet(dir).ios("core-sw1", C9200).ios("edge-rtr1", ASR920)) {
      // the command limit (5 s) is longer than this device's hard limit: only the hard limit can free it
      fleet.with("core-sw1", "timeout: 2s");
      fleet.devices.get("core-sw1").fault(Fault.stallMidReply("show running-config"));
      TestFleet.Result r = fleet.patina("run");
      assertEquals(1, r.status(), r.toString());
      assertTrue(r.out().contains("core-sw1") && r.out().contains("device time limit of 2 s"), r.out());
      try (var repo = fleet.repository()) {
        assertEquals(List.of("devices/edge-rtr1/inventory", "devices/edge-rtr1/running-config",
            "devices/edge-rtr1/version"), paths(repo));
      }
    }
  }

  @Test
  void aScheduleFiringEverySecondRunsNeverOverlapsItselfAndStopsCleanly(@TempDir Path dir) throws Exception {
    try (TestFleet fleet = new TestFleet(dir).ios("core-sw1", C9200)) {
      fleet.service("schedule: \"* * * * * ?\"");
      fleet.devices.get("core-sw1").fault(Fault.slow(Duration.ofMillis(300)));
      List<RunResult> runs = Collections.synchronizedList(new ArrayList<>());
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      Service service = Service.start(fleet.config(), new PrintStream(log, true), Duration.ofSeconds(5),
          runs::add);
      try {
        await(() -> runs.size() >= 3, Duration.ofSeconds(60), log);
      } finally {
        service.shutdown(Duration.ofSeconds(10));
      }
      int after = runs.size();
      List<RunResult> copy = List.copyOf(runs);
      for (int i = 1; i < copy.size(); i++) {
        Instant prevEnd = copy.get(i - 1).started().plus(copy.get(i - 1).took());
        assertFalse(copy.get(i).started().isBefore(prevEnd), "runs overlap: " + copy);
      }
      assertTrue(copy.get(0).took().toMillis() > 1000, "each run outlasts the 1 s period: " + copy.get(0).took());
      assertTrue(log.toString().contains("stopped"), log.toString());
      try (RepoStore store = RepoStore.open(dir.resolve("repo")); RepoLock lock = store.lock(Duration.ZERO)) {
        assertEquals(after, runs.size(), "no run after shutdown");
      }
    }
  }

  @Test
  void aBackUpNowRequestRunsBesideTheSchedulesUnderTheServicesLockAndItsCommitNamesWhoAsked(@TempDir Path dir)
      throws Exception {
    try (TestFleet fleet = new TestFleet(dir).ios("core-sw1", C9200).ios("edge-rtr1", ASR920)) {
      fleet.service("schedule: \"0 0 0 1 1 ? 2099\"");
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      Service service = Service.start(fleet.config(), new PrintStream(log, true), Duration.ofSeconds(5), r -> {});
      RunResult result;
      try (Patina patina = Patina.load(fleet.config())) {
        RunRequest request = RunRequest.of(List.of(patina.inventory().device("edge-rtr1").orElseThrow()),
            "web: back up now").withTrailer("Requested-By", "alice");
        result = service.run(request);
        TestFleet.Result blocked = fleet.patina("run", "--lock-wait", "0");
        assertEquals(1, blocked.status(), "the service holds the repository lock: " + blocked);
      } finally {
        service.shutdown(Duration.ofSeconds(10));
      }
      assertEquals(List.of("edge-rtr1"), result.devices().stream().map(r -> r.name()).toList());
      assertTrue(log.toString().contains("run web: back up now: committed "), log.toString());
      try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
        assertEquals(List.of("edge-rtr1"), List.copyOf(store.devices()));
        String message = store.history().log(null, 1).get(0).message();
        assertTrue(message.startsWith("1 new: edge-rtr1\n") && message.endsWith("\nRequested-By: alice\n"), message);
      }
    }
  }

  private static void await(BooleanSupplier condition, Duration limit, ByteArrayOutputStream log) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("condition not met within " + limit + "; log:\n" + log);
      java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
    }
  }

  private static List<String> subjects(TestFleet fleet, int from) throws Exception {
    MimeMessage[] all = fleet.smtp.getReceivedMessages();
    List<String> out = new ArrayList<>();
    for (MimeMessage m : Arrays.copyOfRange(all, from, all.length)) out.add(m.getSubject());
    return out;
  }

  private static List<String> paths(org.eclipse.jgit.lib.Repository repo) throws Exception {
    List<String> out = new ArrayList<>();
    try (var walk = new org.eclipse.jgit.revwalk.RevWalk(repo); var tw = new org.eclipse.jgit.treewalk.TreeWalk(repo)) {
      tw.addTree(walk.parseCommit(repo.resolve("HEAD")).getTree());
      tw.setRecursive(true);
      while (tw.next()) out.add(tw.getPathString());
    }
    return out;
  }
}
