package dev.patina.cluster;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Records the ends of a node's claims ({@link WorkQueue#finish}) a few at a time. A device's
 * thread hands its result over and is done (its slot takes the next device); one thread writes
 * what has gathered, waiting up to {@link #linger} after the first result so that several go in
 * one statement. A result waits in memory at most that long while the database answers; while it
 * does not, results gather and are written when it is back. If the node dies meanwhile, their
 * leases run out and other nodes of the zone back those devices up, as for a device still being
 * collected. A result whose lease was lost (the device was claimed again) is dropped and said so.
 */
final class ResultWriter {
  /** At most this many results in one statement. */
  static final int MAX = 200;

  private final ClusterNode node;
  private final Duration linger;
  private final LinkedBlockingQueue<WorkQueue.Finished> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closed;

  ResultWriter(ClusterNode node, Duration linger) {
    this.node = node;
    this.linger = linger;
    this.thread = new Thread(this::run, "patina-cluster-results");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Hands a claim's end over to be recorded; after {@link #close}, records it at once (one try). */
  void submit(WorkQueue.Finished f) {
    if (closed) {
      writeOnce(List.of(f));
      return;
    }
    queue.add(f);
    if (closed) { // close() may have drained the queue just before this result came
      List<WorkQueue.Finished> late = new ArrayList<>();
      queue.drainTo(late);
      if (!late.isEmpty()) writeOnce(late);
    }
  }

  private void run() {
    List<WorkQueue.Finished> batch = List.of();
    try {
      while (!closed || !queue.isEmpty()) {
        WorkQueue.Finished first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) continue;
        batch = new ArrayList<>();
        batch.add(first);
        long until = System.nanoTime() + linger.toNanos();
        while (batch.size() < MAX && !closed) {
          long left = until - System.nanoTime();
          if (left <= 0) break;
          WorkQueue.Finished next = queue.poll(left, TimeUnit.NANOSECONDS);
          if (next == null) break;
          batch.add(next);
        }
        queue.drainTo(batch, MAX - batch.size());
        List<WorkQueue.Finished> writing = batch;
        try {
          boolean[] counted = node.retrying("record " + writing.size() + " device result(s)",
              () -> node.queue().finish(writing));
          dropped(writing, counted);
        } catch (RuntimeException e) { // never the end of this thread: later results must still go out
          node.log("cluster: %d device result(s) not recorded: unexpected %s: %s; other nodes of their zones back "
              + "them up once the leases run out", writing.size(), e.getClass().getSimpleName(), e.getMessage());
        }
        batch = List.of();
      }
    } catch (InterruptedException e) {
      unwritten = batch; // close() gave up waiting for the database: it writes these once
    }
  }

  /** The batch the writing thread held when {@link #close} stopped it. */
  private volatile List<WorkQueue.Finished> unwritten = List.of();

  /** Says which results did not count: their device was claimed again by another node meanwhile. */
  private void dropped(List<WorkQueue.Finished> batch, boolean[] counted) {
    for (int i = 0; i < batch.size(); i++) {
      if (counted[i]) continue;
      WorkQueue.Claim c = batch.get(i).claim();
      node.log("run %s: %s was claimed again by another node meanwhile; this node's result is dropped", c.runId(),
          c.device());
    }
  }

  private void writeOnce(List<WorkQueue.Finished> batch) {
    try {
      dropped(batch, node.queue().finish(batch));
    } catch (SQLException e) {
      node.databaseUnreachable(e);
      node.log("cluster: %d device result(s) not recorded (%s); other nodes of their zones back them up once the "
          + "leases run out", batch.size(), e.getMessage());
    }
  }

  /**
   * Writes what is waiting and stops: waits up to {@code wait} for the writing thread (the
   * database may be unreachable), then writes the rest once.
   */
  void close(Duration wait) {
    closed = true;
    try {
      thread.join(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      thread.interrupt();
      try {
        thread.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    List<WorkQueue.Finished> rest = new ArrayList<>(unwritten);
    queue.drainTo(rest);
    for (int from = 0; from < rest.size(); from += MAX) writeOnce(rest.subList(from, Math.min(rest.size(), from + MAX)));
  }
}
