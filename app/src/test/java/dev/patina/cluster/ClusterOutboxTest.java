package dev.patina.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.inventory.ClusterSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterOutboxTest extends WithPostgres {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aRunHasOneDigestWhicheverNodeWritesItAndOneNodeSendsIt() throws Exception {
    ClusterSettings a = ClusterPostgres.freshDatabase(pg, "node-a", List.of("default"));
    ClusterDatabase dbA = ClusterDatabase.open(a);
    ClusterDatabase dbB = ClusterDatabase.open(ClusterPostgres.sameDatabase(a, "node-b", List.of("default")));
    WorkQueue.of(dbA, Duration.ofMinutes(1)).createRun("run-1", "schedule", Map.of("core-sw1", "default"));
    ClusterOutbox outA = new ClusterOutbox(dbA, Duration.ofMinutes(1));
    ClusterOutbox outB = new ClusterOutbox(dbB, Duration.ofMinutes(1));

    assertTrue(outA.add("run-1", "digest", bytes("first")));
    assertFalse(outB.add("run-1", "digest", bytes("second, after a takeover")), "a second digest for the run");

    ClusterOutbox.Message m = outB.claim().orElseThrow();
    assertArrayEquals(bytes("first"), m.payload());
    assertEquals(Optional.empty(), outA.claim(), "held by node-b");
    assertTrue(outB.sent(m));
    assertEquals(Optional.empty(), outA.claim(), "sent: nothing left");
  }

  @Test
  void aMessageWhoseSenderDiedIsSentByAnotherNodeAndTheLateConfirmationIsRefused() throws Exception {
    ClusterSettings a = ClusterPostgres.freshDatabase(pg, "node-a", List.of("default"));
    ClusterDatabase dbA = ClusterDatabase.open(a);
    ClusterDatabase dbB = ClusterDatabase.open(ClusterPostgres.sameDatabase(a, "node-b", List.of("default")));
    WorkQueue.of(dbA, Duration.ofMinutes(1)).createRun("run-1", "schedule", Map.of("core-sw1", "default"));
    ClusterOutbox outA = new ClusterOutbox(dbA, Duration.ofMillis(500));
    ClusterOutbox outB = new ClusterOutbox(dbB, Duration.ofMinutes(1));
    outA.add("run-1", "digest", bytes("digest"));
    ClusterOutbox.Message lost = outA.claim().orElseThrow();

    Optional<ClusterOutbox.Message> taken = Optional.empty();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (taken.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
      taken = outB.claim();
    }
    assertEquals(2, taken.orElseThrow().attempt());
    assertFalse(outA.sent(lost));
    assertTrue(outB.sent(taken.get()));
  }
}
