package dev.patina.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionIndexTest {
  @TempDir Path dir;

  private static List<String> ids(List<VersionIndex.Version> vs) {
    return vs.stream().map(VersionIndex.Version::commit).toList();
  }

  @Test
  void aDevicesVersionsAreTheCommitsThatChangedItNewestFirstAndMatchGitLog() throws Exception {
    try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
      String c1 = store.writer().commit(Map.of("a", Map.of("running-config", "a1\n"), "b", Map.of("running-config", "b1\n")),
          "first", "Patina").orElseThrow().id();
      String c2 = store.writer().commit(Map.of("a", Map.of("running-config", "a2\n")), "a changed", "alice").orElseThrow().id();
      store.versions(); // loaded from here on: later commits go in memory and to the file
      String c3 = store.writer().commit(Map.of("b", Map.of("running-config", "b2\n")), "b changed", "Patina").orElseThrow().id();
      String c4 = store.writer().commit(Map.of("a", Map.of("running-config", "a3\n")), "a again\n\nbody", "bob").orElseThrow()
          .id();
      VersionIndex v = store.versions();
      assertEquals(List.of(c4, c2, c1), ids(v.versions("a", 10)));
      assertEquals(List.of(c3, c1), ids(v.versions("b", 10)));
      assertEquals(ids(v.versions("a", 10)), store.history().log("a", 10).stream().map(CommitInfo::id).toList());
      assertEquals("bob", v.latest("a").author());
      String c5 = store.writer().commit(Map.of("b", Map.of("running-config", "b3\n")),
          "1 changed: b\n\nb running-config | +1 -1\n\nRequested-By: alice", "Patina").orElseThrow().id();
      assertEquals(c5, v.latest("b").commit());
      assertEquals("Patina, Requested-By: alice", v.latest("b").author(), "who asked, from the commit's trailer");
      assertEquals("a again", v.latest("a").subject());
      assertEquals(c2, v.at("a", c3).commit());
      assertEquals(c3, v.at("b", c4).commit());
      assertNull(v.at("b", "0000000000000000000000000000000000000000"));
      assertEquals(java.util.Set.of("a", "b"), v.changedSince(c3));
    }
  }

  @Test
  void commitsMadeWithoutTheIndexAndADeletedIndexFileAreCaughtUpFromGit() throws Exception {
    Path repo = dir.resolve("repo");
    String c1;
    String c2;
    try (RepoStore writer = RepoStore.open(repo)) {
      c1 = writer.writer().commit(Map.of("sw1", Map.of("running-config", "x\n")), "one", "Patina").orElseThrow().id();
      c2 = writer.writer().commit(Map.of("sw2", Map.of("running-config", "y\n")), "two", "Patina").orElseThrow().id();
    }
    try (RepoStore reader = RepoStore.open(repo)) {
      VersionIndex v = reader.versions();
      assertEquals(List.of(c1), ids(v.versions("sw1", 10)));
      try (RepoStore other = RepoStore.open(repo)) { // another process commits while the web reads
        String c3 = other.writer().commit(Map.of("sw1", Map.of("running-config", "x2\n")), "three", "Patina")
            .orElseThrow()
            .id();
        v.catchUp();
        assertEquals(List.of(c3, c1), ids(v.versions("sw1", 10)));
      }
      assertEquals(List.of(c2), ids(v.versions("sw2", 10)));
    }
    Files.delete(repo.resolve("patina-versions.idx"));
    Files.writeString(repo.resolve("patina-versions.idx"), "damaged\n");
    try (RepoStore again = RepoStore.open(repo)) {
      assertEquals(3, again.versions().size());
      assertEquals(2, again.versions().count("sw1"));
    }
  }

  @Test
  void theRunLogGivesTheNewestRunsAndOneDevicesEventsFirst() throws Exception {
    try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
      RunLog log = store.runLog();
      Instant t = Instant.parse("2026-01-01T00:00:00Z");
      log.append(new RunLog.Run(t, Duration.ofMillis(1500), "schedule", 1, 0, 5, 1, null, List.of("sw9")),
          List.of(new RunLog.Event(t, "nat-1", "WARNING", "VRRP VI_1 on nat-1: BACKUP -> MASTER")));
      log.append(new RunLog.Run(t.plusSeconds(60), Duration.ofMillis(900), "web: alice", 0, 1, 6, 0, "abc",
          List.of()), List.of(new RunLog.Event(t.plusSeconds(60), "nat-2", "CRITICAL", "bond0\ton nat-2: down")));
      List<RunLog.Run> runs = log.runs(10);
      assertEquals(2, runs.size());
      assertEquals("web: alice", runs.get(0).trigger());
      assertEquals(List.of("sw9"), runs.get(1).failedDevices());
      assertEquals("bond0 on nat-2: down", log.events(null, 10).get(0).message());
      assertEquals(1, log.events("nat-1", 10).size());
      assertTrue(log.events("sw9", 10).isEmpty());
    }
  }
}
