package dev.patina.bench;

import dev.patina.app.Patina;
import dev.patina.app.run.RunResult;
import dev.patina.app.run.BackupRun;
import dev.patina.sim.Fault;
import dev.patina.sim.SimDevice;
import dev.patina.sim.SimFleet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Full backup runs of N simulated IOS devices through Patina, and the bare-sshj floor on the same devices. */
final class FleetBench {
  private FleetBench() {}

  static void run(int n, Duration latency, int repeats, int concurrency, Table table) throws Exception {
    String label = String.format(Locale.ROOT, "N=%d, %s", n, latency.isZero() ? "no added latency"
        : latency.toMillis() + " ms per reply");
    try (SimFleet fleet = SimFleet.start(n, i -> SimDevice.replay(SyntheticIos.capture(i, 2000, 0)))) {
      if (!latency.isZero()) for (SimDevice d : fleet.devices()) d.fault(Fault.slow(latency));
      Path dir = Files.createTempDirectory("patina-bench-fleet");
      Path config = writeConfig(dir, fleet.devices(), concurrency);
      List<Double> wall = new ArrayList<>();
      List<Double> cpu = new ArrayList<>();
      List<Double> heap = new ArrayList<>();
      List<Double> second = new ArrayList<>();
      List<Double> floor = new ArrayList<>();
      for (int r = 0; r < repeats; r++) {
        Bench.deleteTree(dir.resolve("repo"));
        try (Patina patina = Patina.load(config)) {
          Meter.Reading first;
          try (Meter m = new Meter()) {
            RunResult result = patina.backupRun().run(patina.inventory().devices(), BackupRun.Progress.NONE);
            first = m.read();
            check(result, n);
          }
          wall.add(first.wallSeconds());
          cpu.add(first.cpuSeconds());
          heap.add(first.peakHeapMiB());
          long t = System.nanoTime();
          RunResult unchanged = patina.backupRun().run(patina.inventory().devices(), BackupRun.Progress.NONE);
          second.add((System.nanoTime() - t) / 1e9);
          check(unchanged, n);
          if (unchanged.commitId().isPresent()) throw new IllegalStateException("an unchanged run committed");
        }
        long t = System.nanoTime();
        BareSsh.fetchAll(fleet.devices(), concurrency);
        floor.add((System.nanoTime() - t) / 1e9);
      }
      Stats w = Stats.of(wall);
      Stats f = Stats.of(floor);
      table.row("1. patina run, first (" + label + "): wall", w.format("s"));
      table.row("1. patina run, first (" + label + "): CPU (patina + simulators)", Stats.of(cpu).format("s"));
      table.row("1. patina run, first (" + label + "): peak heap (patina + simulators)", Stats.of(heap).format("MiB"));
      table.row("1. patina run, unchanged (" + label + "): wall", Stats.of(second).format("s"));
      table.row("2. bare sshj floor (" + label + "): wall", f.format("s"));
      table.row("2. ratio patina first run / floor (" + label + ")",
          String.format(Locale.ROOT, "%.2f", w.median() / f.median()));
      Bench.deleteTree(dir);
    }
  }

  private static void check(RunResult r, int n) {
    if (!r.failed().isEmpty()) {
      throw new IllegalStateException(r.failed().size() + " of " + n + " devices failed, e.g. "
          + r.failed().get(0).device().name() + ": " + r.failed().get(0).reason());
    }
  }

  static Path writeConfig(Path dir, List<SimDevice> devices, int concurrency) throws IOException {
    Files.writeString(dir.resolve("patina.yaml"), """
        repository: { path: repo }
        inventory: devices.yaml
        concurrency: %d
        timeouts: { connect: 30s, command: 60s, device: 300s }
        secrets: { key-file: secret.key }
        state-dir: state
        """.formatted(concurrency));
    StringBuilder inv = new StringBuilder("defaults: { model: cisco-ios, username: patina, password: patina }\ndevices:\n");
    for (int i = 0; i < devices.size(); i++) {
      inv.append("  - { name: bench-").append(i).append(", host: ").append(devices.get(i).host()).append(", port: ")
          .append(devices.get(i).port()).append(" }\n");
    }
    Files.writeString(dir.resolve("devices.yaml"), inv);
    return dir.resolve("patina.yaml");
  }
}
