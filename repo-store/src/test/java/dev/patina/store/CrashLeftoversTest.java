package dev.patina.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a kill -9 leaves in the repository never stops backups for good and never loses history. */
class CrashLeftoversTest {
  @TempDir Path dir;

  private static Map<String, Map<String, String>> snap(String device, String text) {
    return Map.of(device, Map.of("running-config", text));
  }

  private static void age(Path file, Duration by) throws Exception {
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(by)));
  }

  @Test
  void aBranchLockLeftByAKilledCommitIsRemovedWhenPatinaTakesItsLockAndTheNextCommitWorks() throws Exception {
    Path repo = dir.resolve("repo");
    try (RepoStore store = RepoStore.open(repo)) {
      store.writer().commit(snap("sw1", "hostname sw1\n"), "1 new: sw1", null);
    }
    Path stale = repo.resolve("refs/heads/main.lock");
    Files.writeString(stale, "");
    age(stale, Duration.ofMinutes(5));
    try (RepoStore store = RepoStore.open(repo); RepoLock lock = store.lock(Duration.ZERO)) {
      assertFalse(Files.exists(stale));
      assertEquals(1, lock.notices().size(), lock.notices().toString());
      assertTrue(lock.notices().getFirst().startsWith("removed " + stale), lock.notices().toString());
      assertTrue(store.writer().commit(snap("sw1", "hostname sw1-new\n"), "1 changed: sw1", null).isPresent());
      assertEquals(2, store.history().log(null, 10).size());
    }
  }

  @Test
  void aFreshGitLockIsKeptAndNamedWhenItBlocksTheCommit() throws Exception {
    Path repo = dir.resolve("repo");
    try (RepoStore store = RepoStore.open(repo)) {
      store.writer().commit(snap("sw1", "hostname sw1\n"), "1 new: sw1", null);
    }
    Path fresh = repo.resolve("refs/heads/main.lock");
    Files.writeString(fresh, "");
    try (RepoStore store = RepoStore.open(repo); RepoLock lock = store.lock(Duration.ZERO)) {
      assertTrue(Files.exists(fresh), "a lock file seconds old may belong to a git program running now");
      assertTrue(lock.notices().getFirst().contains("a git program may be writing"), lock.notices().toString());
      StoreException e = assertThrows(StoreException.class,
          () -> store.writer().commit(snap("sw1", "hostname sw1-new\n"), "1 changed: sw1", null));
      assertTrue(e.getMessage().contains(fresh + " exists"), e.getMessage());
      assertTrue(e.getMessage().contains("delete it"), e.getMessage());
    }
  }

  @Test
  void anEmptyBranchFileIsRefusedWithTheLastGoodCommitAndNeverStartsANewHistory() throws Exception {
    Path repo = dir.resolve("repo");
    String first;
    try (RepoStore store = RepoStore.open(repo)) {
      first = store.writer().commit(snap("sw1", "hostname sw1\n"), "1 new: sw1", null).orElseThrow().id();
    }
    Files.writeString(repo.resolve("refs/heads/main"), "");
    try (RepoStore store = RepoStore.open(repo)) {
      StoreException e = assertThrows(StoreException.class,
          () -> store.writer().commit(snap("sw2", "hostname sw2\n"), "1 new: sw2", null));
      assertTrue(e.getMessage().contains("refs/heads/main is broken (it is empty)"), e.getMessage());
      assertTrue(e.getMessage().contains("update-ref refs/heads/main " + first), e.getMessage());
    }
    assertEquals("", Files.readString(repo.resolve("refs/heads/main")), "nothing was written over it");
  }

  @Test
  void aGarbledBranchFileIsRefusedForReadsAndCommits() throws Exception {
    Path repo = dir.resolve("repo");
    try (RepoStore store = RepoStore.open(repo)) {
      store.writer().commit(snap("sw1", "hostname sw1\n"), "1 new: sw1", null);
    }
    Files.write(repo.resolve("refs/heads/main"), new byte[] {0, 0, 0, 0, 0, 0, 0, 0});
    try (RepoStore store = RepoStore.open(repo)) {
      StoreException read = assertThrows(StoreException.class, () -> store.devices());
      assertTrue(read.getMessage().contains("not a commit id"), read.getMessage());
      assertThrows(StoreException.class, () -> store.writer().commit(snap("sw2", "x\n"), "1 new: sw2", null));
    }
  }

  @Test
  void aDamagedRunStatusIsMovedAsideAndCountingStartsAfreshInsteadOfFailingEveryRun() throws Exception {
    Path repo = dir.resolve("repo");
    try (RepoStore store = RepoStore.open(repo)) {
      store.writer().commit(snap("sw1", "hostname sw1\n"), "1 new: sw1", null);
    }
    Path file = repo.resolve("patina-status.properties");
    Files.write(file, new byte[] {'s', 'w', '1', '.', 'f', 'a', 'i', 'l', 'u', 'r', 'e', 's', '=', (byte) 0xff, 'x'});
    try (RepoStore store = RepoStore.open(repo)) {
      RunStatus status = store.status();
      String recovery = status.takeRecovery();
      assertTrue(recovery != null && recovery.contains("was damaged") && recovery.contains("patina-status.properties.damaged"),
          String.valueOf(recovery));
      assertEquals(1, status.recordFailure("sw1", Instant.now(), "timeout"));
      status.save();
      assertTrue(Files.exists(repo.resolve("patina-status.properties.damaged")));
    }
    try (RepoStore store = RepoStore.open(repo)) {
      assertEquals(1, store.status().get("sw1").orElseThrow().consecutiveFailures());
      assertEquals(null, store.status().takeRecovery());
    }
  }
}
