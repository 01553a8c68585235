package dev.patina.app.changes;

import dev.patina.inventory.Device;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Turns change messages into backups: per device, a burst becomes one backup once the device has
 * been quiet for {@code quiet}; a device being backed up collects what arrives meanwhile into one
 * pending entry (queued once, never twice) and goes again when its run ends; at most
 * {@code perMinute} backups start in any minute, the others wait with their changes kept. The
 * state is bounded: one entry per inventory device, at most {@value #KEEP} messages each.
 */
final class ChangeQueue implements AutoCloseable {
  static final int KEEP = 20;
  private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

  private final long quiet;
  private final int perMinute;
  private final ChangeListeners.Runner runner;
  private final ChangeCounters counters;
  private final Consumer<String> log;
  private final ScheduledExecutorService timer;
  private final ExecutorService backups;
  private final Map<String, Pending> pending = new LinkedHashMap<>();
  private final Set<String> running = new HashSet<>();
  private final ArrayDeque<Long> starts = new ArrayDeque<>();
  private ScheduledFuture<?> wake;
  private long wakeAt;
  private boolean closed;

  private static final class Pending {
    Device device;
    final List<Change> changes = new ArrayList<>();
    int more;
    long due;
    boolean heldBack;
  }

  ChangeQueue(Duration quiet, int perMinute, int parallel, ChangeListeners.Runner runner, ChangeCounters counters,
      Consumer<String> log) {
    this.quiet = quiet.toNanos();
    this.perMinute = perMinute;
    this.runner = runner;
    this.counters = counters;
    this.log = log;
    this.timer = Executors.newSingleThreadScheduledExecutor(daemon("patina-change-timer"));
    this.backups = Executors.newFixedThreadPool(parallel, daemon("patina-change-backup"));
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** A change message of {@code device}, received at {@code change.nanos()}; true when it starts a new burst. */
  synchronized boolean changed(Device device, Change change) {
    if (closed) return false;
    boolean fresh = !pending.containsKey(device.name());
    Pending p = pending.computeIfAbsent(device.name(), n -> new Pending());
    p.device = device;
    if (p.changes.size() < KEEP) p.changes.add(change);
    else p.more++;
    p.due = Math.max(p.due, change.nanos() + quiet);
    if (!running.contains(device.name())) wakeAt(p.due);
    return fresh;
  }

  /** Devices waiting for their quiet period or their turn (for tests and the log). */
  synchronized int pendingCount() {
    return pending.size();
  }

  private synchronized void dispatch() {
    wake = null;
    if (closed) return;
    long now = System.nanoTime();
    while (!starts.isEmpty() && now - starts.peekFirst() >= MINUTE) starts.removeFirst();
    long next = Long.MAX_VALUE;
    for (Iterator<Map.Entry<String, Pending>> it = pending.entrySet().iterator(); it.hasNext();) {
      Map.Entry<String, Pending> e = it.next();
      Pending p = e.getValue();
      if (running.contains(e.getKey())) continue; // goes again when its run ends
      if (p.due > now) {
        next = Math.min(next, p.due);
        continue;
      }
      if (starts.size() >= perMinute) {
        if (!p.heldBack) {
          p.heldBack = true;
          counters.deferred.incrementAndGet();
          log.accept("change backup of " + e.getKey() + " waits: max-per-minute (" + perMinute + ") reached");
        }
        next = Math.min(next, starts.peekFirst() + MINUTE);
        continue;
      }
      it.remove();
      running.add(e.getKey());
      starts.addLast(now);
      counters.backups.incrementAndGet();
      backups.execute(() -> run(p));
    }
    if (next != Long.MAX_VALUE) wakeAt(next);
  }

  private void run(Pending p) {
    try {
      runner.backUp(ChangeBurst.of(p.device, p.changes, p.more));
    } catch (Throwable t) {
      log.accept("change backup of " + p.device.name() + " failed: " + t);
    } finally {
      synchronized (this) {
        running.remove(p.device.name());
        Pending again = pending.get(p.device.name());
        if (again != null) wakeAt(again.due);
      }
    }
  }

  private void wakeAt(long at) {
    if (closed) return;
    if (wake != null && wakeAt <= at) return;
    if (wake != null) wake.cancel(false);
    wakeAt = at;
    wake = timer.schedule(this::dispatch, Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  /** Stops: pending changes are dropped (the next schedule backs those devices up); waits for runs in flight. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      if (!pending.isEmpty()) log.accept("stopping with " + pending.size() + " change backup(s) not yet started: "
          + String.join(", ", pending.keySet()));
      pending.clear();
    }
    timer.shutdownNow();
    backups.shutdown();
    try { // runs in flight obey the service's stop request; the repository stays open until they end
      while (!backups.awaitTermination(30, TimeUnit.SECONDS)) log.accept("stopping: waiting for change backups in flight");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
