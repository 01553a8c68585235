package dev.patina.app.run;

import dev.patina.collector.FailureKind;
import dev.patina.inventory.Device;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The parallel part of a run: every device on its own virtual thread, at most as many at once
 * as the shared slot pool allows, each under a hard time limit that frees its slot whatever the
 * library below does. A device completes once, by its worker, its watchdog or a stop.
 */
final class ParallelBackup {
  /** One device being backed up. */
  private record InFlight(Device device, Thread worker, Runnable release) {}

  private final List<Device> devices;
  private final Function<Device, DeviceResult> backupOne;
  private final RunPipeline.Progress progress;
  private final Semaphore slots;
  private final RunPipeline.Stop stop;
  private final Duration defaultLimit;
  private final Map<String, DeviceResult> results = new ConcurrentHashMap<>();
  private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
  private final CountDownLatch remaining;
  private final AtomicInteger done = new AtomicInteger();

  ParallelBackup(List<Device> devices, Function<Device, DeviceResult> backupOne, RunPipeline.Progress progress,
      Semaphore slots, RunPipeline.Stop stop, Duration defaultLimit) {
    this.devices = devices;
    this.backupOne = backupOne;
    this.progress = progress;
    this.slots = slots;
    this.stop = stop;
    this.defaultLimit = defaultLimit;
    this.remaining = new CountDownLatch(devices.size());
  }

  /** Backs up every device; the results in the order of {@code devices}. */
  List<DeviceResult> runAll() throws InterruptedException {
    progress.started(devices.size());
    ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "patina-watchdog");
      t.setDaemon(true);
      return t;
    });
    try {
      for (Device device : devices) {
        if (!acquire()) {
          complete(device, new DeviceResult.Failed(device, Duration.ZERO, FailureKind.STOPPED,
              "not started: patina is shutting down; previous version kept"));
          continue;
        }
        start(device, watchdog);
      }
      awaitOrStop();
    } finally {
      watchdog.shutdownNow();
    }
    List<DeviceResult> ordered = new ArrayList<>(devices.size());
    for (Device d : devices) ordered.add(results.get(d.name()));
    return ordered;
  }

  private void start(Device device, ScheduledExecutorService watchdog) {
    AtomicBoolean released = new AtomicBoolean();
    Runnable release = () -> {
      if (released.compareAndSet(false, true)) slots.release();
    };
    long startNanos = System.nanoTime();
    Thread worker = Thread.ofVirtual().name("device-" + device.name()).unstarted(() -> {
      try {
        complete(device, backupOne.apply(device));
      } finally {
        release.run();
      }
    });
    inFlight.put(device.name(), new InFlight(device, worker, release));
    worker.start();
    Duration limit = device.timeout() != null ? device.timeout() : defaultLimit;
    watchdog.schedule(() -> abandon(device.name(), new DeviceResult.Failed(device,
        Duration.ofNanos(System.nanoTime() - startNanos), FailureKind.TIMEOUT,
        "no complete backup within the device time limit of " + human(limit) + "; stopped, previous version kept")),
        limit.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Completes a device that has not finished by itself, interrupts its worker, frees its slot. */
  private void abandon(String name, DeviceResult.Failed why) {
    InFlight f = inFlight.get(name);
    if (f != null && complete(f.device(), why)) {
      f.worker().interrupt();
      f.release().run();
    }
  }

  private boolean complete(Device device, DeviceResult r) {
    if (results.putIfAbsent(device.name(), r) != null) return false;
    inFlight.remove(device.name());
    synchronized (this) {
      progress.finished(r, done.incrementAndGet(), devices.size());
    }
    remaining.countDown();
    return true;
  }

  /** A slot from the global pool, or false when a stop was requested while waiting. */
  private boolean acquire() throws InterruptedException {
    while (!stop.requested()) {
      if (slots.tryAcquire(100, TimeUnit.MILLISECONDS)) return true;
    }
    return false;
  }

  /** Waits for every device; after a stop request, at most the grace time for those in flight. */
  private void awaitOrStop() throws InterruptedException {
    while (!remaining.await(100, TimeUnit.MILLISECONDS)) {
      if (!stop.requested()) continue;
      Duration grace = stop.grace();
      if (!remaining.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        for (InFlight f : List.copyOf(inFlight.values())) {
          abandon(f.device().name(), new DeviceResult.Failed(f.device(), Duration.ZERO, FailureKind.STOPPED,
              "interrupted by shutdown after the grace time of " + human(grace) + "; previous version kept"));
        }
      }
      remaining.await();
      return;
    }
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    if (s < 120) return s + " s";
    return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
  }
}
