package dev.patina.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patina.inventory.ClusterSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * How a run's owner reads finished items: each once per owner epoch, marked in the statement
 * that reads it; everything again on demand (a new owner, a failed poll); and a node that takes
 * the run over gets what the lost owner took meanwhile, never the other way round.
 */
class ClusterRunsPollTest extends WithPostgres {
  private static Set<String> devices(List<ClusterRuns.Item> items) {
    Set<String> out = new TreeSet<>();
    items.forEach(i -> out.add(i.device()));
    return out;
  }

  /** Claims and finishes {@code count} more items of the run (what a node does), the first done, the rest failed. */
  private static void finish(WorkQueue queue, int count) throws Exception {
    List<WorkQueue.Claim> claims = queue.claim(count);
    assertEquals(count, claims.size());
    for (int i = 0; i < claims.size(); i++) {
      if (i == 0) queue.done(claims.get(i), "collected", new byte[] {1, 2, 3});
      else queue.failed(claims.get(i), "unreachable");
    }
  }

  /** A fresh database with run "run-1" of {@code devices} devices in zone dc1, and node-a's queue on it. */
  private static WorkQueue runOf(int devices) throws Exception {
    ClusterSettings a = ClusterPostgres.freshDatabase(pg, "node-a", List.of("dc1"));
    WorkQueue queue = new WorkQueue(ClusterDatabase.open(a), "node-a", List.of("dc1"), Duration.ofMinutes(5));
    Map<String, String> zones = new LinkedHashMap<>();
    for (int i = 1; i <= devices; i++) zones.put("sw" + i, "dc1");
    queue.createRun("run-1", "test", zones);
    return queue;
  }

  @Test
  void eachFinishedItemComesBackOnceToItsOwnerAndAllOfThemWhenAsked() throws Exception {
    WorkQueue queue = runOf(6);
    ClusterRuns runs = new ClusterRuns(queue.db());

    assertEquals(Set.of(), devices(runs.finished("run-1", 1, false)), "nothing finished yet");
    finish(queue, 2);
    List<ClusterRuns.Item> first = runs.finished("run-1", 1, false);
    assertEquals(2, first.size());
    assertEquals(Set.of(), devices(runs.finished("run-1", 1, false)), "taken: not again");
    finish(queue, 3);
    List<ClusterRuns.Item> second = runs.finished("run-1", 1, false);
    assertEquals(3, second.size(), "only those finished since");
    assertEquals(5, devices(runs.finished("run-1", 1, true)).size(), "all finished ones when asked");
    assertEquals(Set.of(), devices(runs.finished("run-1", 1, false)), "asking for all marks nothing");
    ClusterRuns.Item done = first.stream().filter(i -> i.state().equals("done")).findFirst().orElseThrow();
    assertEquals(List.of((byte) 1, (byte) 2, (byte) 3), List.of(done.result()[0], done.result()[1], done.result()[2]),
        "the result comes with the item");
  }

  @Test
  void aNodeThatTookTheRunOverGetsWhatTheLostOwnerTookMeanwhileAndNotTheOtherWayRound() throws Exception {
    WorkQueue queue = runOf(5);
    ClusterRuns runs = new ClusterRuns(queue.db());

    finish(queue, 2);
    assertEquals(2, runs.finished("run-1", 1, false).size(), "the first owner (epoch 1) takes two");
    finish(queue, 1);
    assertEquals(1, runs.finished("run-1", 1, false).size(), "the lost owner, not knowing yet, takes one more");
    assertEquals(3, runs.finished("run-1", 2, false).size(), "the new owner (epoch 2) gets all three");
    finish(queue, 1);
    assertEquals(1, runs.finished("run-1", 2, false).size(), "the new owner takes the next one");
    assertEquals(0, runs.finished("run-1", 1, false).size(), "the lost owner no longer gets anything");
  }
}
