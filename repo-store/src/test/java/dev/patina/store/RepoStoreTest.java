package dev.patina.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoStoreTest {
  @TempDir Path dir;

  /** The whole tree at HEAD as one readable string: "path: content" lines. */
  private static String tree(RepoStore store) throws Exception {
    var repo = store.repository();
    StringBuilder s = new StringBuilder();
    try (RevWalk walk = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
      tw.addTree(walk.parseCommit(repo.resolve("HEAD")).getTree());
      tw.setRecursive(true);
      while (tw.next()) {
        s.append(tw.getPathString()).append(": ")
            .append(new String(repo.open(tw.getObjectId(0)).getBytes()).replace("\n", "\\n")).append('\n');
      }
    }
    return s.toString();
  }

  private static Map<String, Map<String, String>> snap(String device, String... artifactAndText) {
    Map<String, String> a = new LinkedHashMap<>();
    for (int i = 0; i < artifactAndText.length; i += 2) a.put(artifactAndText[i], artifactAndText[i + 1]);
    return Map.of(device, a);
  }

  @Test
  void theFirstCommitCreatesABareRepositoryWithOneFolderPerDevice() throws Exception {
    try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
      Map<String, Map<String, String>> both = new LinkedHashMap<>();
      both.putAll(snap("sw1", "running-config", "hostname sw1\n", "version", "IOS 17\n"));
      both.putAll(snap("nat-1", "state/bonding/bond0", "bond bond0\n"));
      Optional<CommitInfo> c = store.writer().commit(both, "2 new: sw1, nat-1", null);
      assertTrue(c.isPresent());
      assertEquals("""
          devices/nat-1/state/bonding/bond0: bond bond0\\n
          devices/sw1/running-config: hostname sw1\\n
          devices/sw1/version: IOS 17\\n
          """, tree(store));
      assertTrue(store.repository().isBare());
      assertEquals(List.of("nat-1", "sw1"), List.copyOf(store.devices()));
      assertEquals("2 new: sw1, nat-1\n", store.history().log(null, 10).get(0).message());
    }
  }

  @Test
  void anUnchangedSnapshotMakesNoCommit() throws Exception {
    try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
      store.writer().commit(snap("sw1", "running-config", "a\n"), "first", null);
      ObjectId head = store.repository().resolve("HEAD");
      assertEquals(Optional.empty(), store.writer().commit(snap("sw1", "running-config", "a\n"), "again", null));
      assertEquals(head, store.repository().resolve("HEAD"));
    }
  }

  @Test
  void changingOneDeviceTouchesOnlyItsFilesAndAVanishedArtifactIsRemoved() throws Exception {
    try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
      Map<String, Map<String, String>> both = new LinkedHashMap<>();
      both.putAll(snap("sw1", "running-config", "a\n", "version", "v1\n"));
      both.putAll(snap("sw2", "running-config", "b\n"));
      store.writer().commit(both, "first", null);
      store.writer().commit(snap("sw1", "running-config", "a2\n"), "sw1 changed", null);
      assertEquals("""
          devices/sw1/running-config: a2\\n
          devices/sw2/running-config: b\\n
          """, tree(store));
      assertEquals(Map.of("running-config", "a2\n"), store.readDevice("sw1"));
      assertEquals(Map.of(), store.readDevice("never-seen"));
    }
  }

  @Test
  void theTreeIdOfArtifactsIsTheIdTheCommitGivesThemWithoutWritingAnythingAndReadsBackByThatId() throws Exception {
    try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
      Map<String, String> sw1 = new LinkedHashMap<>();
      sw1.put("running-config", "hostname sw1\n");
      sw1.put("state/bonding/bond0", "bond bond0\n");
      sw1.put("files/etc/caf\u00e9", "r\u00e9seau\n");
      String id = RunWriter.treeIdOf(sw1);
      assertFalse(store.repository().getObjectDatabase().has(ObjectId.fromString(id)), "nothing written");

      store.writer().commit(Map.of("sw1", sw1, "sw2", Map.of("running-config", "b\n")), "first", null);
      RepoStore.HeadView head = store.headView();
      assertEquals(id, head.tree("sw1"), "the id the commit gave sw1's folder");
      assertEquals(null, head.tree("never-seen"));
      assertEquals(null, RunWriter.treeIdOf(Map.of()), "no artifacts: no tree, as stage gives");
      Map<String, String> other = new LinkedHashMap<>(sw1);
      other.put("running-config", "hostname sw1 \n");
      assertFalse(id.equals(RunWriter.treeIdOf(other)), "one character more: another tree");

      store.writer().commit(Map.of("sw1", other), "second", null);
      assertEquals(sw1, store.readTree(id), "an older tree of the device, read by its id");
      assertEquals(Map.of("state/bonding/bond0", "bond bond0\n"), store.headView().readFolder("sw1", "state"));
      assertEquals(Map.of(), store.headView().readFolder("sw2", "state"));
      StoreException missing = assertThrows(StoreException.class,
          () -> store.readTree(RunWriter.treeIdOf(Map.of("running-config", "never committed\n"))));
      assertTrue(missing.getMessage().startsWith("cannot read the device tree "), missing.getMessage());
    }
  }

  @Test
  void theDevicesChangedByCommitsWithAGivenLineAreFoundInTheHistoryOfAView() throws Exception {
    try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
      Map<String, Map<String, String>> both = new LinkedHashMap<>();
      both.putAll(snap("sw1", "running-config", "a\n"));
      both.putAll(snap("sw2", "running-config", "b\n"));
      store.writer().commit(both, "first\n\nPatina-Run: r1", null);
      store.writer().commit(snap("sw2", "running-config", "b2\n"), "second\n\nPatina-Run: r2", null);
      RepoStore.HeadView atSecond = store.headView();
      store.writer().commit(snap("sw1", "running-config", "a3\n"), "third\n\nPatina-Run: r3", null);

      assertEquals(Map.of("Patina-Run: r3", java.util.Set.of("sw1"), "Patina-Run: r1", java.util.Set.of("sw1", "sw2")),
          store.headView().devicesChangedBy(List.of("Patina-Run: r3", "Patina-Run: r1", "Patina-Run: r9"), 100));
      assertEquals(Map.of(), atSecond.devicesChangedBy(List.of("Patina-Run: r3"), 100), "r3 is after that view");
      assertEquals(Map.of("Patina-Run: r2", java.util.Set.of("sw2")),
          atSecond.devicesChangedBy(List.of("Patina-Run: r2"), 100));
      assertEquals(Map.of(), store.headView().devicesChangedBy(List.of("Patina-Run: r1"), 2), "beyond the depth");
    }
  }

  @Test
  void logShowAndDiffFollowOneDeviceThroughRevisions() throws Exception {
    try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
      store.writer().commit(snap("sw1", "running-config", "v1\n"), "one", null);
      store.writer().commit(snap("sw2", "running-config", "x\n"), "two", null);
      store.writer().commit(snap("sw1", "running-config", "v2\n"), "three", null);
      assertEquals(List.of("three\n", "one\n"), store.history().log("sw1", 10).stream().map(CommitInfo::message).toList());
      assertEquals(1, store.history().log("sw1", 1).size());
      assertEquals(Optional.of("v1\n"), store.history().show("sw1", "running-config", "HEAD~2"));
      String firstId = store.history().log("sw1", 10).get(1).shortId();
      assertEquals(Optional.of("v1\n"), store.history().show("sw1", "running-config", firstId));
      List<FileVersionPair> last = store.history().diff("sw1", null, null);
      assertEquals(List.of(new FileVersionPair("running-config", "v1\n", "v2\n")), last);
      List<FileVersionPair> explicit = store.history().diff("sw1", "HEAD~2", "HEAD");
      assertEquals(last, explicit);
      assertEquals(List.of(new FileVersionPair("running-config", null, "x\n")), store.history().diff("sw2", null, null));
      StoreException e = assertThrows(NoSuchRevisionException.class, () -> store.history().showDevice("sw1", "nonsense~9"));
      assertTrue(e.getMessage().contains("nonsense~9"), e.getMessage());
    }
  }

  @Test
  void aSecondHolderWaitsAndThenGetsAClearMessageNamingTheHolder() throws Exception {
    try (RepoStore a = RepoStore.open(dir.resolve("repo")); RepoStore b = RepoStore.open(dir.resolve("repo"))) {
      try (RepoLock held = a.lock(Duration.ofSeconds(1))) {
        LockBusyException e = assertThrows(LockBusyException.class, () -> b.lock(Duration.ofMillis(300)));
        assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
        assertTrue(e.getMessage().contains("patina.lock"), e.getMessage());
      }
      try (RepoLock again = b.lock(Duration.ofMillis(300))) {
        assertTrue(Files.exists(dir.resolve("repo/patina.lock")));
      }
    }
  }

  @Test
  void aPushTheRemoteRefusesIsAFailureNamingTheRemoteAndWhatItSaid() throws Exception {
    Path remote = dir.resolve("shared.git");
    RepoStore.open(remote).close();
    try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
      store.writer().commit(snap("sw1", "running-config", "hostname sw1\n"), "1 new: sw1", null);
      store.push(remote.toString());
      store.writer().commit(snap("sw1", "running-config", "hostname sw1-b\n"), "1 changed: sw1", null);
      // a git process that died holding the branch's lock on the remote: git refuses every update
      Path lock = Files.createFile(remote.resolve("refs/heads/main.lock"));
      StoreException e = assertThrows(StoreException.class, () -> store.push(remote.toString()));
      assertTrue(e.getMessage().startsWith("push to " + remote + " refused: refs/heads/main rejected other reason"),
          e.getMessage());
      try (RepoStore shared = RepoStore.open(remote)) {
        assertEquals("hostname sw1\n", shared.read("sw1", "running-config").orElseThrow(), "the remote kept its main");
      }
      Files.delete(lock);
      store.push(remote.toString());
      try (RepoStore shared = RepoStore.open(remote)) {
        assertEquals("hostname sw1-b\n", shared.read("sw1", "running-config").orElseThrow());
      }
    }
  }

  @Test
  void runStatusSurvivesReopeningAndIsNeverCommitted() throws Exception {
    Instant t = Instant.parse("2026-11-22T10:00:00Z");
    try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
      store.writer().commit(snap("sw1", "running-config", "a\n"), "first", null);
      assertEquals(1, store.status().recordFailure("sw1", t, "timeout"));
      assertEquals(2, store.status().recordFailure("sw1", t.plusSeconds(60), "auth failed"));
      store.status().save();
    }
    try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
      RunStatus.Entry e = store.status().get("sw1").orElseThrow();
      assertEquals(2, e.consecutiveFailures());
      assertEquals("auth failed", e.lastError());
      assertEquals(2, store.status().recordSuccess("sw1", t.plusSeconds(120)));
      assertFalse(tree(store).contains("status"), tree(store));
    }
  }

  @Test
  void housekeepingPacksObjectsAndHistoryStaysReadable() throws Exception {
    try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
      for (int i = 0; i < 30; i++) store.writer().commit(snap("sw" + (i % 3), "running-config", "rev " + i + "\n"), "c" + i, null);
      store.writer().housekeepingNow();
      assertTrue(Files.list(dir.resolve("repo/objects/pack")).anyMatch(p -> p.toString().endsWith(".pack")));
      assertTrue(Files.exists(dir.resolve("repo/objects/info/commit-graph")), "commit-graph written");
      assertEquals(10, store.history().log("sw1", 100).size());
      assertEquals(Optional.of("rev 28\n"), store.read("sw1", "running-config"));
    }
  }

  @Test
  void aRunStagedFromManyThreadsBecomesOnePackAndOneCommit() throws Exception {
    // one configuration that deflates badly (random printable text): its pack entry outgrows the first buffer
    java.util.Random random = new java.util.Random(7);
    StringBuilder noise = new StringBuilder();
    for (int i = 0; i < 20_000; i++) noise.append(i % 100 == 99 ? '\n' : (char) (' ' + 1 + random.nextInt(94)));
    String incompressible = noise.append('\n').toString();
    try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
      Map<String, String> trees = new java.util.concurrent.ConcurrentHashMap<>();
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int first = t;
        workers.add(Thread.ofVirtual().start(() -> {
          for (int d = first; d < 400; d += 8) {
            try {
              trees.put("d" + d, store.writer().stage(Map.of("running-config", d == 7 ? incompressible : "hostname d" + d + "\n",
                  "state/vrrp", "VI_1 " + d + "\n")));
            } catch (StoreException e) {
              throw new IllegalStateException(e);
            }
          }
        }));
      }
      for (Thread w : workers) w.join();
      assertEquals(400, trees.size());
      assertEquals(0, packs(), "nothing visible before the commit");
      assertTrue(store.writer().commitTrees(new java.util.TreeMap<>(trees), "run", null).isPresent());
      assertEquals(1, packs(), "one pack for the run");
      assertEquals(0, looseBlobs(), "a large run writes no loose object");
      assertEquals(Optional.of("hostname d123\n"), store.read("d123", "running-config"));
      assertEquals(Optional.of("VI_1 399\n"), store.read("d399", "state/vrrp"));
      assertEquals(Optional.of(incompressible), store.read("d7", "running-config"));
    }
    try (RepoStore again = RepoStore.open(dir.resolve("repo"))) {
      assertEquals(400, again.devices().size(), "readable after reopening");
    }
    // git itself reads the pack and its index: every object's checksum, CRC and id, the pack's trailer
    Path git = dev.patina.sim.os.SystemProgram.need("git");
    Path pack;
    try (var files = Files.list(dir.resolve("repo/objects/pack"))) {
      pack = files.filter(p -> p.toString().endsWith(".idx")).findFirst().orElseThrow();
    }
    // read-only, readable by whom the umask lets read, as git leaves its packs
    var expected = java.util.EnumSet.copyOf(Files.getPosixFilePermissions(Files.createFile(dir.resolve("probe"))));
    expected.removeAll(List.of(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE,
        java.nio.file.attribute.PosixFilePermission.GROUP_WRITE, java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE));
    assertEquals(expected, Files.getPosixFilePermissions(pack), "the index");
    assertEquals(expected, Files.getPosixFilePermissions(Path.of(pack.toString().replace(".idx", ".pack"))), "the pack");
    String verify = runGit(git, "verify-pack", "-v", pack.toString());
    assertTrue(verify.contains(": ok"), verify);
    assertTrue(verify.lines().anyMatch(l -> l.matches("non delta: 1603 objects")), verify); // 800 blobs; 400 device, 400 state/, devices and root trees; the commit
    String fsck = runGit(git, "--git-dir", dir.resolve("repo").toString(), "fsck", "--full", "--strict", "--no-dangling");
    assertEquals("", fsck.strip(), "git fsck says nothing of a sound repository");
  }

  @Test
  void commitsWhileOtherThreadsStageWaitForThemAndLoseNoObject() throws Exception {
    try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
      Map<String, String> trees = new java.util.concurrent.ConcurrentHashMap<>();
      java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
      java.util.concurrent.atomic.AtomicInteger commits = new java.util.concurrent.atomic.AtomicInteger();
      java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
      int minCommits = 20;
      List<Thread> stagers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int first = t;
        stagers.add(Thread.ofVirtual().start(() -> {
          try { // at least 600 devices, and on until the other thread has committed 20 times
            for (int d = first; !stop.get() && (d < 600 || commits.get() < minCommits); d += 4) {
              trees.put("d" + d, store.writer().stage(Map.of("running-config", config(d))));
            }
          } catch (Throwable e) {
            failure.compareAndSet(null, e);
          }
        }));
      }
      try {
        while (stagers.stream().anyMatch(Thread::isAlive)) {
          // another group's commit: it takes the staging pack while stagers are writing into it
          assertTrue(store.writer().commitTrees(Map.of(), "nothing of its own", null).isEmpty());
          commits.incrementAndGet();
        }
      } finally {
        stop.set(true); // a failed commit must not leave the stagers waiting for commits that never come
      }
      for (Thread t : stagers) t.join();
      assertNull(failure.get(), () -> "a stager failed: " + failure.get());
      assertTrue(trees.size() >= 600);
      assertTrue(store.writer().commitTrees(new java.util.TreeMap<>(trees), "run", null).isPresent());
      for (String device : trees.keySet()) {
        int d = Integer.parseInt(device.substring(1));
        assertEquals(Optional.of(config(d)), store.read(device, "running-config"), device);
      }
    }
  }

  private static String config(int d) {
    return ("interface Gi1/0/" + d + "\n description d" + d + "\n").repeat(200);
  }

  /** Runs git; its output (stdout and stderr), or a failure naming its exit code and output. */
  private static String runGit(Path git, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(git.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), String.join(" ", command) + " failed:\n" + output);
    return output;
  }

  @Test
  void aRunsPackIsDeflatedAsGitDeflatesLooseObjectsAndHousekeepingPacksItTight() throws Exception {
    String text = "interface GigabitEthernet1/0/1\n description access port\n".repeat(2000);
    try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
      var config = store.repository().getConfig();
      config.setInt("core", null, "looseCompression", 0); // zlib's stored blocks: no compression at all
      config.save();
      long stored = packBytesOfOneLargeRun(store, text, dir.resolve("repo"));
      // four devices beyond the loose ones go into the run's pack
      assertTrue(stored > 4L * text.length(), "core.looseCompression 0 is honoured: " + stored + " bytes");
      store.writer().housekeepingNow();
      long packed = packBytes(dir.resolve("repo"));
      assertTrue(packed < stored / 20, "housekeeping recompresses at the pack level: " + packed + " against " + stored);
      assertEquals(Optional.of("hostname sw11\n" + text), store.read("sw11", "running-config"));
    }
  }

  @Test
  void theRunsCompressionLevelFollowsGitsRuleForLooseObjects() {
    var config = new org.eclipse.jgit.lib.Config();
    assertEquals(1, RunWriter.runCompression(config), "neither set: zlib's fastest, as git");
    config.setInt("core", null, "compression", 6);
    assertEquals(6, RunWriter.runCompression(config), "core.compression when looseCompression is unset");
    config.setInt("core", null, "looseCompression", 3);
    assertEquals(3, RunWriter.runCompression(config));
  }

  /** Commits one run large enough to write a pack; returns the size of the repository's packs. */
  private static long packBytesOfOneLargeRun(RepoStore store, String text, Path repo) throws Exception {
    Map<String, Map<String, String>> all = new LinkedHashMap<>();
    for (int d = 0; d < RunWriter.LOOSE_DEVICES_PER_RUN + 4; d++) {
      all.putAll(snap("sw" + d, "running-config", "hostname sw" + d + "\n" + text));
    }
    store.writer().commit(all, "run", null);
    assertEquals(Optional.of("hostname sw9\n" + text), store.read("sw9", "running-config"));
    return packBytes(repo);
  }

  @Test
  void aLargeRunBackToAnEarlierVersionWritesItAgainAndHousekeepingKeepsOneCopy() throws Exception {
    int large = RunWriter.LOOSE_DEVICES_PER_RUN + 5; // a run this large writes a pack
    try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
      for (String version : List.of("v1", "v2", "v1")) { // the third run: every device back to v1
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        for (int d = 0; d < large; d++) all.putAll(snap("sw" + d, "running-config", version + " of sw" + d + "\n"));
        assertTrue(store.writer().commit(all, "to " + version, null).isPresent());
      }
      assertEquals(3, packs(), "the third run has a pack of its own");
      assertEquals(Optional.of("v1 of sw7\n"), store.read("sw7", "running-config"));
      assertEquals(3, store.history().log("sw7", 10).size());
      var repo = (org.eclipse.jgit.internal.storage.file.FileRepository) store.repository();
      long reachable = reachableObjects(repo);
      long packed = new org.eclipse.jgit.internal.storage.file.GC(repo).getStatistics().numberOfPackedObjects;
      // the run's pack does not ask the older packs: the v1 blobs and trees are in two packs now
      assertEquals(reachable + 2L * large + 2, packed, "v1's blobs, device trees, devices and root trees twice");
      store.writer().housekeepingNow();
      assertEquals(1, packs());
      assertEquals(reachable, new org.eclipse.jgit.internal.storage.file.GC(repo).getStatistics().numberOfPackedObjects,
          "one copy of each object after housekeeping");
      assertEquals(Optional.of("v1 of sw7\n"), store.read("sw7", "running-config"));
      assertEquals(Optional.of("v2 of sw7\n"), store.history().show("sw7", "running-config",
          store.history().log("sw7", 10).get(1).id()));
    }
  }

  /** Commits, trees and blobs reachable from HEAD. */
  private static long reachableObjects(org.eclipse.jgit.lib.Repository repo) throws Exception {
    try (var walk = new org.eclipse.jgit.revwalk.ObjectWalk(repo)) {
      walk.markStart(walk.parseCommit(repo.resolve("HEAD")));
      long n = 0;
      while (walk.next() != null) n++;
      while (walk.nextObject() != null) n++;
      return n;
    }
  }

  private static long packBytes(Path repo) throws java.io.IOException {
    try (var files = Files.list(repo.resolve("objects/pack"))) {
      long total = 0;
      for (Path p : files.filter(p -> p.toString().endsWith(".pack")).toList()) total += Files.size(p);
      return total;
    }
  }

  @Test
  void stagedObjectsOfARunThatNeverCommitsLeaveNoTrace() throws Exception {
    try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
      store.writer().commit(snap("sw1", "running-config", "v1\n"), "c1", null);
      store.writer().stage(Map.of("running-config", "never committed\n"));
    }
    try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
      assertEquals(Optional.of("v1\n"), store.read("sw1", "running-config"));
      assertEquals(1, store.history().log(null, 10).size());
      try (var files = Files.list(dir.resolve("repo/objects/pack"))) {
        assertEquals(List.of(), files.filter(p -> !p.toString().matches(".*pack-[0-9a-f]{40}\\.(pack|idx|rev|bitmap)"))
            .toList(), "no temporary pack left behind");
      }
    }
  }

  @Test
  void housekeepingJoinsThePacksOfManyLargeRunsWhenDue() throws Exception {
    try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
      int large = RunWriter.LOOSE_DEVICES_PER_RUN + 5; // a run this large writes a pack
      for (int run = 0; run < Housekeeping.PACK_LIMIT - 1; run++) {
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        for (int d = 0; d < large; d++) all.putAll(snap("sw" + d, "running-config", "rev " + run + "\n"));
        store.writer().commit(all, "run " + run, null);
      }
      assertEquals(Housekeeping.PACK_LIMIT - 1, packs());
      assertFalse(store.writer().housekeeping(), "not due yet");
      Map<String, Map<String, String>> last = new LinkedHashMap<>();
      for (int d = 0; d < large; d++) last.putAll(snap("sw" + d, "running-config", "rev last\n"));
      store.writer().commit(last, "last", null);
      assertTrue(store.writer().housekeeping(), "due at " + Housekeeping.PACK_LIMIT + " packs");
      assertEquals(1, packs());
      assertEquals(Optional.of("rev last\n"), store.read("sw0", "running-config"));
      assertEquals(Housekeeping.PACK_LIMIT, store.history().log(null, 100).size());
    }
  }

  @Test
  void aRunOfAFewDevicesIsWrittenLooseAndALargerOneAsAPack() throws Exception {
    int few = RunWriter.LOOSE_DEVICES_PER_RUN;
    try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
      Map<String, Map<String, String>> small = new LinkedHashMap<>();
      for (int d = 0; d < few; d++) small.putAll(snap("sw" + d, "running-config", "hostname sw" + d + "\n"));
      store.writer().commit(small, "small", null);
      assertEquals(0, packs(), "no pack for " + few + " devices");
      assertEquals(few, looseBlobs());
      try (var files = Files.list(dir.resolve("repo/objects/pack"))) {
        assertEquals(List.of(), files.toList(), "the run's pack was dropped, no temporary file left");
      }
      Map<String, Map<String, String>> large = new LinkedHashMap<>();
      for (int d = 0; d <= few; d++) large.putAll(snap("sw" + d, "running-config", "hostname sw" + d + "\nv2\n"));
      store.writer().commit(large, "large", null);
      assertEquals(1, packs(), few + 1 + " devices make a pack");
      assertEquals(few, looseBlobs(), "and no loose object");
    }
    try (RepoStore again = RepoStore.open(dir.resolve("repo"))) {
      assertEquals(Optional.of("hostname sw3\n"), again.history().show("sw3", "running-config", "HEAD~1"));
      assertEquals(Optional.of("hostname sw8\nv2\n"), again.read("sw8", "running-config"));
    }
  }

  @Test
  void aCommitWithNothingNewStillWritesWhatAnotherRunStaged() throws Exception {
    try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
      store.writer().commit(snap("sw1", "running-config", "v1\n"), "c1", null);
      String sw1 = store.writer().stage(Map.of("running-config", "v1\n")); // as at HEAD
      String sw2 = store.writer().stage(Map.of("running-config", "hostname sw2\n")); // another group's run, still going
      assertEquals(Optional.empty(), store.writer().commitTrees(Map.of("sw1", sw1), "nothing new", null));
      assertTrue(store.writer().commitTrees(Map.of("sw2", sw2), "the other run", null).isPresent());
    }
    try (RepoStore again = RepoStore.open(dir.resolve("repo"))) {
      assertEquals(Optional.of("hostname sw2\n"), again.read("sw2", "running-config"));
    }
  }

  @Test
  void smallRunsWriteLooseObjectsThatHousekeepingPacksWhenTheyPileUp() throws Exception {
    try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
      for (int run = 0; run < 10; run++) store.writer().commit(snap("sw1", "running-config", "rev " + run + "\n"), "r" + run, null);
      assertEquals(0, packs(), "a run of one device adds loose objects, no pack");
      assertFalse(store.writer().housekeeping(), "a few loose objects: not due");
    }
  }

  private long packs() throws java.io.IOException {
    Path pack = dir.resolve("repo/objects/pack");
    if (!Files.isDirectory(pack)) return 0;
    try (var files = Files.list(pack)) {
      return files.filter(p -> p.toString().endsWith(".pack")).count();
    }
  }

  /** Loose objects of type blob (one file each under objects/xx/). */
  private long looseBlobs() throws Exception {
    long n = 0;
    Path objects = dir.resolve("repo/objects");
    try (var files = Files.walk(objects);
        var repo = new org.eclipse.jgit.storage.file.FileRepositoryBuilder().setGitDir(dir.resolve("repo").toFile())
            .build()) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        String rel = objects.relativize(p).toString();
        if (!rel.matches("[0-9a-f]{2}/[0-9a-f]{38}")) continue;
        if (repo.open(ObjectId.fromString(rel.replace("/", ""))).getType() == org.eclipse.jgit.lib.Constants.OBJ_BLOB) n++;
      }
    }
    return n;
  }

  @Test
  void aFolderThatIsNotARepositoryIsRefused() throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "hello");
    StoreException e = assertThrows(StoreException.class, () -> RepoStore.open(dir));
    assertTrue(e.getMessage().contains("neither a git repository nor empty"), e.getMessage());
  }

  @Test
  void readsFromManyThreadsWhileCommittingStayConsistent() throws Exception {
    try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
      Map<String, Map<String, String>> all = new LinkedHashMap<>();
      for (int i = 0; i < 200; i++) all.putAll(snap("d" + i, "running-config", "cfg " + i + "\n"));
      store.writer().commit(all, "init", null);
      List<Thread> readers = new ArrayList<>();
      List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
      for (int t = 0; t < 8; t++) {
        readers.add(Thread.ofVirtual().start(() -> {
          try {
            for (int i = 0; i < 200; i++) {
              String text = store.readDevice("d" + i).get("running-config");
              if (!text.startsWith("cfg " + i)) throw new AssertionError(text);
            }
          } catch (Throwable e) {
            errors.add(e);
          }
        }));
      }
      for (int i = 0; i < 20; i++) store.writer().commit(snap("d" + i, "running-config", "cfg " + i + " changed\n"), "c", null);
      for (Thread r : readers) r.join();
      assertEquals(List.of(), errors);
      RevCommit head;
      try (RevWalk w = new RevWalk(store.repository())) {
        head = w.parseCommit(store.repository().resolve("HEAD"));
      }
      assertEquals("c\n", head.getFullMessage());
    }
  }
}
