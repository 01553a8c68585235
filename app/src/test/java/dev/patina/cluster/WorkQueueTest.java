package dev.patina.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.inventory.ClusterSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class WorkQueueTest extends WithPostgres {
  private static final Duration LONG_LEASE = Duration.ofMinutes(5);
  private static Map<String, String> devices(String prefix, int count, String zone) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 1; i <= count; i++) out.put(prefix + i, zone);
    return out;
  }

  private static String[] row(ClusterDatabase db, String runId, String device) throws SQLException {
    try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
        "SELECT state, lease_owner, attempts, outcome FROM patina_work_items WHERE run_id = ? AND device = ?")) {
      st.setString(1, runId);
      st.setString(2, device);
      try (ResultSet rs = st.executeQuery()) {
        assertTrue(rs.next(), device + " has no work item");
        return new String[] {rs.getString(1), rs.getString(2), String.valueOf(rs.getInt(3)), rs.getString(4)};
      }
    }
  }

  /** Waits until the claim on {@code device} has run out by the database's clock. */
  private static void awaitLeaseOver(ClusterDatabase db, String runId, String device) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement("SELECT lease_expires < "
          + "clock_timestamp() FROM patina_work_items WHERE run_id = ? AND device = ? AND state = 'claimed'")) {
        st.setString(1, runId);
        st.setString(2, device);
        try (ResultSet rs = st.executeQuery()) {
          assertTrue(rs.next(), device + " is not claimed");
          if (rs.getBoolean(1)) return;
        }
      }
      assertTrue(System.nanoTime() < deadline, "the lease on " + device + " did not run out within 10 s");
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
    }
  }

  @Test
  void twoNodesClaimingAtTheSameTimeNeverGetTheSameDevice() throws Exception {
    ClusterSettings a = ClusterPostgres.freshDatabase(pg, "node-a", List.of("dc1"));
    ClusterDatabase dbA = ClusterDatabase.open(a);
    ClusterDatabase dbB = ClusterDatabase.open(ClusterPostgres.sameDatabase(a, "node-b", List.of("dc1")));
    WorkQueue nodeA = WorkQueue.of(dbA, LONG_LEASE);
    WorkQueue nodeB = WorkQueue.of(dbB, LONG_LEASE);
    nodeA.createRun("run-1", "schedule", devices("sw", 400, "dc1"));

    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<WorkQueue.Claim>>> results = new ArrayList<>();
      // two claimers per node, four connections claiming at once
      for (WorkQueue q : List.of(nodeA, nodeB, nodeA, nodeB)) {
        results.add(pool.submit((Callable<List<WorkQueue.Claim>>) () -> {
          start.await();
          List<WorkQueue.Claim> mine = new ArrayList<>();
          for (List<WorkQueue.Claim> got = q.claim(3); !got.isEmpty(); got = q.claim(3)) {
            for (WorkQueue.Claim c : got) assertTrue(q.done(c, "ok"), "done refused for " + c);
            mine.addAll(got);
          }
          return mine;
        }));
      }
      start.countDown();
      List<String> claimed = new ArrayList<>();
      List<Integer> perClaimer = new ArrayList<>();
      for (Future<List<WorkQueue.Claim>> f : results) {
        List<WorkQueue.Claim> mine = f.get();
        perClaimer.add(mine.size());
        mine.forEach(c -> claimed.add(c.device()));
      }
      Set<String> distinct = new HashSet<>(claimed);
      assertEquals(400, distinct.size(), "every device claimed; per claimer " + perClaimer);
      assertEquals(400, claimed.size(), "no device claimed twice; per claimer " + perClaimer);
      assertEquals(List.of(), nodeB.claim(10), "nothing left");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aClaimCarriesTheDevicesTreeAtTheOwnersHeadAndNoneForANewDevice() throws Exception {
    ClusterSettings a = ClusterPostgres.freshDatabase(pg, "node-a", List.of("dc1"));
    WorkQueue nodeA = WorkQueue.of(ClusterDatabase.open(a), LONG_LEASE);
    String tree = "0123456789abcdef0123456789abcdef01234567";
    nodeA.createRun("run-1", "schedule", devices("sw", 2, "dc1"), Map.of("sw1", tree));

    Map<String, String> baseTrees = new java.util.HashMap<>();
    for (WorkQueue.Claim c : nodeA.claim(5)) baseTrees.put(c.device(), c.baseTree());

    Map<String, String> expected = new java.util.HashMap<>();
    expected.put("sw1", tree);
    expected.put("sw2", null); // new to the repository
    assertEquals(expected, baseTrees);
  }

  @Test
  void anExpiredLeaseIsClaimedByAnotherNodeOfTheZoneAndTheFirstNodesLateResultIsRefused() throws Exception {
    ClusterSettings a = ClusterPostgres.freshDatabase(pg, "node-a", List.of("dc1"));
    WorkQueue nodeA = WorkQueue.of(ClusterDatabase.open(a), Duration.ofMillis(800));
    WorkQueue nodeB = WorkQueue.of(ClusterDatabase.open(ClusterPostgres.sameDatabase(a, "node-b", List.of("dc1"))),
        LONG_LEASE);
    nodeA.createRun("run-1", "schedule", Map.of("core-sw1", "dc1"));
    WorkQueue.Claim first = nodeA.claim(5).getFirst();
    assertEquals(new WorkQueue.Claim("run-1", "core-sw1", "dc1", 1, null), first);

    // renewed while working: the lease outlives its 0.8 s and node-b gets nothing
    long until = System.nanoTime() + Duration.ofMillis(2000).toNanos();
    while (System.nanoTime() < until) {
      assertTrue(nodeA.renew(first));
      assertEquals(List.of(), nodeB.claim(5), "claimed while node-a renews its lease");
      Thread.sleep(200);
    }

    // node-a stops renewing (killed, cut off): once the lease has run out node-b claims the device
    List<WorkQueue.Claim> taken = List.of();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (taken.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
      taken = nodeB.claim(5);
    }
    assertEquals(List.of(new WorkQueue.Claim("run-1", "core-sw1", "dc1", 2, null)), taken);
    assertFalse(nodeA.renew(first), "node-a must learn it lost the lease");
    assertFalse(nodeA.done(first, "late result"), "node-a's late result must be refused");
    assertTrue(nodeB.done(taken.getFirst(), "ok"));
    String[] row = row(nodeB.db(), "run-1", "core-sw1");
    assertEquals(List.of("done", "node-b", "2", "ok"), List.of(row));
    assertEquals(List.of(), nodeA.claim(5), "a finished device is not claimed again");
  }

  @Test
  void severalResultsAreRecordedInOneStatementAndAStaleClaimAmongThemIsRefusedAlone() throws Exception {
    ClusterSettings a = ClusterPostgres.freshDatabase(pg, "node-a", List.of("dc1"));
    WorkQueue nodeA = WorkQueue.of(ClusterDatabase.open(a), Duration.ofMillis(500));
    WorkQueue nodeB = WorkQueue.of(ClusterDatabase.open(ClusterPostgres.sameDatabase(a, "node-b", List.of("dc1"))),
        LONG_LEASE);
    nodeA.createRun("run-1", "schedule", devices("sw", 3, "dc1"));
    List<WorkQueue.Claim> claims = nodeA.claim(3);
    assertEquals(3, claims.size());
    // sw1's lease runs out and node-b claims it again: node-a's result for it must not count
    WorkQueue.Claim lost = claims.stream().filter(c -> c.device().equals("sw1")).findFirst().orElseThrow();
    for (WorkQueue.Claim c : claims) if (c != lost) assertTrue(nodeA.renew(c));
    awaitLeaseOver(nodeA.db(), "run-1", "sw1");
    List<WorkQueue.Claim> again = nodeB.claim(1);
    assertEquals(List.of(new WorkQueue.Claim("run-1", "sw1", "dc1", 2, null)), again);

    WorkQueue.Claim sw2 = claims.stream().filter(c -> c.device().equals("sw2")).findFirst().orElseThrow();
    WorkQueue.Claim sw3 = claims.stream().filter(c -> c.device().equals("sw3")).findFirst().orElseThrow();
    boolean[] counted = nodeA.finish(List.of(WorkQueue.Finished.done(sw2, "collected", new byte[] {4, 2}),
        WorkQueue.Finished.done(lost, "collected", new byte[] {9}), WorkQueue.Finished.failed(sw3, "timeout")));
    assertEquals(List.of(true, false, true), List.of(counted[0], counted[1], counted[2]));
    assertEquals(List.of("done", "node-a", "1", "collected"), List.of(row(nodeA.db(), "run-1", "sw2")));
    assertEquals(List.of("failed", "node-a", "1", "timeout"), List.of(row(nodeA.db(), "run-1", "sw3")));
    assertEquals(java.util.Arrays.asList("claimed", "node-b", "2", null), java.util.Arrays.asList(row(nodeA.db(),
        "run-1", "sw1")));
    try (Connection c = nodeA.db().connection(); PreparedStatement st = c.prepareStatement(
        "SELECT device, result FROM patina_work_items WHERE run_id = 'run-1' ORDER BY device")) {
      try (ResultSet rs = st.executeQuery()) {
        List<String> results = new ArrayList<>();
        while (rs.next()) results.add(rs.getString(1) + "=" + java.util.Arrays.toString(rs.getBytes(2)));
        assertEquals(List.of("sw1=null", "sw2=[4, 2]", "sw3=null"), results);
      }
    }
    assertTrue(nodeB.finish(List.of(WorkQueue.Finished.done(again.getFirst(), "ok", null)))[0]);
    assertEquals(0, nodeA.finish(List.of()).length);
  }

  @Test
  void aNodeClaimsOnlyDevicesOfItsOwnZones() throws Exception {
    ClusterSettings a = ClusterPostgres.freshDatabase(pg, "node-dc1", List.of("dc1"));
    WorkQueue dc1 = WorkQueue.of(ClusterDatabase.open(a), LONG_LEASE);
    WorkQueue dmz = WorkQueue.of(ClusterDatabase.open(ClusterPostgres.sameDatabase(a, "node-dmz", List.of("dmz"))),
        LONG_LEASE);
    WorkQueue both = WorkQueue.of(ClusterDatabase.open(
        ClusterPostgres.sameDatabase(a, "node-both", List.of("dmz", "lab"))), LONG_LEASE);
    Map<String, String> inventory = new LinkedHashMap<>();
    inventory.putAll(devices("core", 20, "dc1"));
    inventory.putAll(devices("fw", 15, "dmz"));
    inventory.putAll(devices("lab", 5, "lab"));
    dc1.createRun("run-1", "schedule", inventory);

    List<WorkQueue.Claim> byDc1 = dc1.claim(100);
    List<WorkQueue.Claim> byDmz = dmz.claim(10);
    List<WorkQueue.Claim> byBoth = both.claim(100);
    assertEquals(20, byDc1.size());
    assertTrue(byDc1.stream().allMatch(c -> c.zone().equals("dc1") && c.device().startsWith("core")), byDc1::toString);
    assertEquals(10, byDmz.size());
    assertTrue(byDmz.stream().allMatch(c -> c.device().startsWith("fw")), byDmz::toString);
    assertEquals(10, byBoth.size(), "the 5 dmz devices left and the 5 lab ones");
    assertEquals(Set.of("dmz", "lab"), new HashSet<>(byBoth.stream().map(WorkQueue.Claim::zone).toList()));
  }

  @Test
  void aNodeOfTwoZonesServesBothAndTakesALostNodesDeviceBeforeAnyPendingOne() throws Exception {
    ClusterSettings a = ClusterPostgres.freshDatabase(pg, "node-a", List.of("dc1"));
    WorkQueue lost = WorkQueue.of(ClusterDatabase.open(a), Duration.ofMillis(300));
    WorkQueue both = WorkQueue.of(ClusterDatabase.open(ClusterPostgres.sameDatabase(a, "node-both",
        List.of("dc1", "dmz"))), LONG_LEASE);
    Map<String, String> inventory = new LinkedHashMap<>();
    inventory.putAll(devices("core", 4, "dc1"));
    inventory.putAll(devices("fw", 4, "dmz"));
    lost.createRun("run-1", "schedule", inventory);
    WorkQueue.Claim held = lost.claim(1).getFirst(); // node-a is killed holding it: never renewed
    assertEquals("core1", held.device(), "pending items go out in order");
    awaitLeaseOver(lost.db(), "run-1", "core1"); // by the database's clock, as claims judge it

    List<WorkQueue.Claim> first = both.claim(2);
    assertEquals(new WorkQueue.Claim("run-1", "core1", "dc1", 2, null), first.getFirst(), "the lost node's device first");
    List<WorkQueue.Claim> second = both.claim(2);
    Set<String> zones = new HashSet<>();
    first.forEach(c -> zones.add(c.zone()));
    second.forEach(c -> zones.add(c.zone()));
    assertEquals(Set.of("dc1", "dmz"), zones, "two claims of a node of two zones reach both: " + first + second);
    List<WorkQueue.Claim> rest = both.claim(100);
    assertEquals(8, first.size() + second.size() + rest.size(), "every device once: " + first + second + rest);
  }

  @Test
  void devicesOfAZoneWithNoLiveNodeAreFailedWithTheReasonAfterTheBound() throws Exception {
    ClusterSettings a = ClusterPostgres.freshDatabase(pg, "node-a", List.of("dc1"));
    WorkQueue nodeA = WorkQueue.of(ClusterDatabase.open(a), LONG_LEASE);
    nodeA.heartbeat();
    Map<String, String> inventory = new LinkedHashMap<>(Map.of("core-sw1", "dc1", "fw-1", "dmz"));
    nodeA.createRun("run-1", "schedule", inventory);

    Set<String> runZones = Set.of("dc1", "dmz");
    assertEquals(0, nodeA.failZonesWithoutLiveNode(runZones, Duration.ofSeconds(30), Duration.ofSeconds(60)),
        "within the bound the run still waits");
    Thread.sleep(700);
    nodeA.heartbeat();
    assertEquals(0, nodeA.failZonesWithoutLiveNode(Set.of("dc1"), Duration.ofSeconds(30), Duration.ofMillis(500)),
        "only the zones asked about: dc1 has a live node");
    assertEquals("pending", row(nodeA.db(), "run-1", "fw-1")[0]);
    assertEquals(1, nodeA.failZonesWithoutLiveNode(runZones, Duration.ofSeconds(30), Duration.ofMillis(500)));
    String[] fw = row(nodeA.db(), "run-1", "fw-1");
    assertEquals("failed", fw[0]);
    assertEquals("no live node collects zone \"dmz\" (none seen for 30 s; start a node with this zone in "
        + "cluster: zones:)", fw[3]);
    assertEquals("pending", row(nodeA.db(), "run-1", "core-sw1")[0], "zone dc1 has a live node");
    assertEquals(List.of("core-sw1"), nodeA.claim(5).stream().map(WorkQueue.Claim::device).toList());
  }

  @Test
  void aZoneWhoseOnlyNodeStoppedBeatingCountsAsHavingNoLiveNode() throws Exception {
    ClusterSettings a = ClusterPostgres.freshDatabase(pg, "node-a", List.of("dc1"));
    WorkQueue nodeA = WorkQueue.of(ClusterDatabase.open(a), LONG_LEASE);
    nodeA.heartbeat();
    nodeA.createRun("run-1", "schedule", Map.of("core-sw1", "dc1"));
    Thread.sleep(1200);
    assertEquals(1, nodeA.failZonesWithoutLiveNode(Set.of("dc1"), Duration.ofSeconds(1), Duration.ofMillis(500)));
    assertTrue(row(nodeA.db(), "run-1", "core-sw1")[3].startsWith("no live node collects zone \"dc1\""));
  }

  @Test
  void aRunHoldsADeviceOnceAndIsRecordedWhollyOrNotAtAll() throws Exception {
    ClusterSettings a = ClusterPostgres.freshDatabase(pg, "node-a", List.of("dc1"));
    WorkQueue nodeA = WorkQueue.of(ClusterDatabase.open(a), LONG_LEASE);
    nodeA.createRun("run-1", "schedule", Map.of("core-sw1", "dc1"));
    assertThrows(SQLException.class, () -> nodeA.createRun("run-1", "manual", Map.of("core-sw2", "dc1")));
    try (Connection c = nodeA.db().connection(); PreparedStatement st = c.prepareStatement(
        "INSERT INTO patina_work_items (run_id, device, zone) VALUES ('run-1', 'core-sw1', 'dc1')")) {
      SQLException twice = assertThrows(SQLException.class, st::executeUpdate);
      assertEquals("23505", twice.getSQLState(), "unique violation");
    }
    assertEquals(List.of("core-sw1"), nodeA.claim(10).stream().map(WorkQueue.Claim::device).toList(),
        "the refused second run left no item behind");
    assertEquals(Collections.emptyList(), nodeA.claim(10));
  }

  @Test
  void aNodeThatReclaimsItsOwnExpiredDeviceCannotFinishItWithTheOlderClaim() throws Exception {
    ClusterSettings a = ClusterPostgres.freshDatabase(pg, "node-a", List.of("dc1"));
    WorkQueue nodeA = WorkQueue.of(ClusterDatabase.open(a), Duration.ofMillis(300));
    nodeA.createRun("run-1", "schedule", Map.of("core-sw1", "dc1"));
    WorkQueue.Claim stale = nodeA.claim(1).getFirst();
    List<WorkQueue.Claim> again = List.of();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (again.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
      again = nodeA.claim(1);
    }
    assertEquals(2, again.getFirst().attempt());
    assertFalse(nodeA.done(stale, "from the first, timed-out attempt"));
    assertTrue(nodeA.done(again.getFirst(), "ok"));
    assertEquals("ok", row(nodeA.db(), "run-1", "core-sw1")[3]);
  }

  @Test
  void theResultsOfRunsDoneOverAnHourAgoAreClearedAndEverythingElseStays() throws Exception {
    ClusterSettings a = ClusterPostgres.freshDatabase(pg, "node-a", List.of("dc1"));
    ClusterDatabase db = ClusterDatabase.open(a);
    WorkQueue queue = new WorkQueue(db, "node-a", List.of("dc1"), LONG_LEASE);
    ClusterRuns runs = new ClusterRuns(db);
    // three runs of two devices, each collected with a result: done long ago, done just now, unpushed long ago
    for (String run : List.of("old-done", "new-done", "old-unpushed")) {
      queue.createRun(run, "test", devices(run + "-sw", 2, "dc1"));
      for (WorkQueue.Claim claim : queue.claim(2)) assertTrue(queue.done(claim, "collected", new byte[] {7}));
      try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement("UPDATE patina_runs SET "
          + "state = ?, finished_at = clock_timestamp() - make_interval(mins => ?) WHERE run_id = ?")) {
        st.setString(1, run.endsWith("unpushed") ? "unpushed" : "done");
        st.setInt(2, run.startsWith("old") ? 61 : 10);
        st.setString(3, run);
        st.executeUpdate();
      }
    }
    assertEquals(2, runs.dropResults(Duration.ofHours(1)), "the two items of the run done 61 minutes ago");
    assertEquals(0, runs.dropResults(Duration.ofHours(1)), "cleared once");
    try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement("SELECT run_id, count(*), "
        + "count(result), count(*) FILTER (WHERE state = 'done') FROM patina_work_items GROUP BY run_id ORDER BY run_id");
        ResultSet rs = st.executeQuery()) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) rows.add(rs.getString(1) + " " + rs.getInt(2) + " items, " + rs.getInt(3) + " results, "
          + rs.getInt(4) + " done");
      assertEquals(List.of("new-done 2 items, 2 results, 2 done", "old-done 2 items, 0 results, 2 done",
          "old-unpushed 2 items, 2 results, 2 done"), rows);
    }
  }
}
