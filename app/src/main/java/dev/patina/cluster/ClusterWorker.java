package dev.patina.cluster;

import dev.patina.app.run.DeviceBackup;
import dev.patina.app.run.DeviceResult;
import dev.patina.collector.FailureKind;
import dev.patina.inventory.Device;
import dev.patina.store.RunWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The device work of one node: claims open items of its zones (whichever node owns their run)
 * as slots are free, collects each device with the same {@link DeviceBackup} chain as a single
 * node, under the device's hard time limit, renewing the lease at a third of its length, and
 * records the cleaned artifacts (or the failure) for the run's owner, or only "unchanged" when
 * they are the tree the owner had for the device when it created the run; results go to the
 * database several in one statement ({@link ResultWriter}). A lease lost meanwhile (the node was
 * cut off long enough for another to claim the device) drops the result.
 */
final class ClusterWorker implements Runnable {
  private final ClusterNode node;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "patina-lease-renewal");
    t.setDaemon(true);
    return t;
  });
  private Thread thread;
  /** Records the devices' results, several in one statement. */
  private ResultWriter results;

  ClusterWorker(ClusterNode node) {
    this.node = node;
  }

  void start() {
    // a result waits at most half a poll (50 ms at most) for others to go with it: the owner reads
    // results once a poll anyway
    results = new ResultWriter(node, Duration.ofMillis(Math.min(50, node.poll().toMillis() / 2)));
    results.start();
    thread = new Thread(this, "patina-cluster-worker");
    thread.setDaemon(true);
    thread.start();
  }

  /** Claims nothing more; records the results that are waiting (waiting a few seconds at most for the database). */
  void stop() {
    stopped.set(true);
    if (thread != null) thread.interrupt();
    renewals.shutdownNow();
    if (results != null) results.close(Duration.ofSeconds(3));
  }

  /** With fewer free slots than this, a claim waits up to a fifth of a poll for this many (when there is work). */
  private static final int BATCH = 4;

  @Override
  public void run() {
    long pollMs = node.poll().toMillis();
    long checkInNanos = node.settings().checkIn().toNanos();
    long expiredLooked = System.nanoTime() - checkInNanos;
    int last = 0; // items the last claim got
    while (!stopped.get()) {
      try {
        Semaphore slots = node.shared().slots();
        if (node.stopping() || node.shared().stop().requested()) {
          Thread.sleep(pollMs); // claims nothing more; close() ends the wait
          continue;
        }
        if (!slots.tryAcquire(pollMs, TimeUnit.MILLISECONDS)) {
          continue; // every slot busy: waits for a device to finish, not a fixed time
        }
        slots.release();
        int free = Math.min(slots.availablePermits(), 64);
        if (free < BATCH && last > 0) {
          // the last claim found work: wait (a fifth of a poll at most) until a few more slots are
          // free, so that one claim serves several devices (a claim is two or three statements,
          // and devices finish one at a time: otherwise one claim per device)
          if (slots.tryAcquire(BATCH, Math.max(1, pollMs / 5), TimeUnit.MILLISECONDS)) slots.release(BATCH);
          free = Math.min(slots.availablePermits(), 64);
        }
        // leases run out only when a node is lost: looked for once per check-in, not at each
        // claim, and at every claim while they turn up (a claim again has attempt 2 or more)
        boolean expired = node.mayJudgeOthers() && System.nanoTime() - expiredLooked >= checkInNanos;
        List<WorkQueue.Claim> claims;
        try {
          claims = node.queue().claim(free, expired);
          if (expired && claims.stream().noneMatch(c -> c.attempt() > 1)) expiredLooked = System.nanoTime();
          last = claims.size();
          node.databaseReachable();
        } catch (SQLException e) {
          node.databaseUnreachable(e);
          Thread.sleep(pollMs);
          continue;
        }
        if (claims.isEmpty()) {
          Thread.sleep(pollMs);
          continue;
        }
        for (WorkQueue.Claim claim : claims) {
          slots.acquire();
          Thread.ofVirtual().name("cluster-" + claim.device()).start(() -> {
            try {
              work(claim);
            } finally {
              slots.release();
            }
          });
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        node.log("cluster worker: unexpected %s (claiming goes on): %s", e.getClass().getSimpleName(), e.getMessage());
      }
    }
  }

  /** One claimed device: collect it under its lease and record the outcome. */
  private void work(WorkQueue.Claim claim) {
    Device device = node.patina().inventory().device(claim.device()).orElse(null);
    if (device == null) {
      results.submit(WorkQueue.Finished.failed(claim, "not in the inventory of node " + node.settings().node()
          + " (" + node.patina().config().inventory() + "): all nodes need the same devices.yaml"));
      return;
    }
    AtomicBoolean lost = new AtomicBoolean();
    Thread me = Thread.currentThread();
    long every = Math.max(50, node.settings().lease().toMillis() / 3);
    ScheduledFuture<?> renewal = renewals.scheduleAtFixedRate(() -> {
      try {
        if (!node.queue().renew(claim)) {
          lost.set(true);
          me.interrupt();
        }
      } catch (SQLException e) {
        node.databaseUnreachable(e); // keep working: the result is recorded with this claim's fence later
      }
    }, every, every, TimeUnit.MILLISECONDS);
    DeviceBackup.CollectOutcome outcome;
    try {
      outcome = collect(device);
    } finally {
      renewal.cancel(false);
    }
    if (lost.get()) {
      node.log("run %s: the claim on %s was lost (lease expired); another node of zone %s backs it up",
          claim.runId(), device.name(), claim.zone());
      return;
    }
    String label = switch (outcome) {
      case DeviceBackup.Collected c -> "collected by " + node.settings().node();
      case DeviceBackup.NotCollected n -> n.failure().kind().label() + " on " + node.settings().node();
    };
    byte[] result = outcome instanceof DeviceBackup.Collected c && sameAsBase(claim, c)
        ? CollectedCodec.encode(new CollectedCodec.SameTree(claim.baseTree(), c.modelName(), c.notes(), c.took()))
        : CollectedCodec.encode(outcome);
    results.submit(WorkQueue.Finished.done(claim, label, result));
  }

  /**
   * Whether the cleaned artifacts are the tree the owner had for the device when it created the
   * run; then only that is recorded, not the configuration. The tree is nearly always in this
   * node's repository too (it follows the shared remote), and comparing the text with it is what
   * a single node does: an inflate per artifact. Otherwise the tree id the owner's commit would
   * compute (nothing is written), which costs JGit's collision-detecting SHA-1 of every artifact.
   */
  private boolean sameAsBase(WorkQueue.Claim claim, DeviceBackup.Collected collected) {
    if (claim.baseTree() == null) return false;
    try {
      return node.patina().store().readTree(claim.baseTree()).equals(collected.artifacts());
    } catch (dev.patina.store.StoreException notHere) {
      return claim.baseTree().equals(RunWriter.treeIdOf(collected.artifacts()));
    }
  }

  /** The chain up to cleaning, under the device's hard time limit. */
  private DeviceBackup.CollectOutcome collect(Device device) {
    Duration limit = device.timeout() != null ? device.timeout() : node.pipelineDeviceLimit();
    FutureTask<DeviceBackup.CollectOutcome> task = new FutureTask<>(() -> node.deviceBackup().collect(device));
    Thread.ofVirtual().name("device-" + device.name()).start(task);
    long start = System.nanoTime();
    try {
      return task.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      task.cancel(true);
      return failed(device, start, FailureKind.TIMEOUT, "no complete backup within the device time limit of "
          + limit.toSeconds() + " s; stopped, previous version kept");
    } catch (InterruptedException e) {
      task.cancel(true);
      return failed(device, start, FailureKind.STOPPED, "interrupted (lease lost or node stopping)");
    } catch (ExecutionException e) {
      return failed(device, start, FailureKind.INTERNAL, "unexpected " + e.getCause());
    }
  }

  private static DeviceBackup.NotCollected failed(Device d, long start, FailureKind kind, String reason) {
    return new DeviceBackup.NotCollected(new DeviceResult.Failed(d, Duration.ofNanos(System.nanoTime() - start),
        kind, reason));
  }
}
