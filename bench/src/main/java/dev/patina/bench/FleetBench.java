package dev.patina.bench;

import dev.patina.app.Patina;
import dev.patina.app.run.RunPipeline;
import dev.patina.app.run.RunRequest;
import dev.patina.app.run.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Full backup runs of N simulated IOS devices through Patina, and the bare-sshj floor on the
 * same devices. The simulators run in a JVM of their own ({@link SimProcess}): CPU and heap are
 * this JVM's, Patina's or the bare client's alone. Unrecorded rounds warm the JIT first, as in
 * service mode ({@link #warmUpRounds}), and go on until the JIT is quiet ({@link #jitQuiet}); every round runs Patina (new repository), Patina again
 * (nothing changed) and the floor, in turn, so that drift on the machine hits all three alike.
 */
final class FleetBench {
  private FleetBench() {}

  static void run(int n, List<Duration> latencies, int repeats, int concurrency, Table table) throws Exception {
    List<String> commands = BareSsh.commandsOf("cisco-ios");
    List<String> configOnly = List.of("terminal length 0", "show running-config");
    try (SimProcess sims = SimProcess.start(n, 2000, false)) {
      Path dir = Files.createTempDirectory("patina-bench-fleet");
      Path config = writeConfig(dir, sims.devices(), concurrency);
      boolean warm = false;
      for (Duration latency : latencies) {
        sims.latency(latency);
        String label = String.format(Locale.ROOT, "N=%,d, %s", n, latency.isZero() ? "no added latency"
            : latency.toMillis() + " ms per reply");
        List<Double> wall = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        List<Double> heap = new ArrayList<>();
        List<Double> second = new ArrayList<>();
        List<Double> secondCpu = new ArrayList<>();
        List<Double> floor = new ArrayList<>();
        List<Double> floorCpu = new ArrayList<>();
        List<Double> simCpu = new ArrayList<>();
        List<Double> commits = new ArrayList<>();
        List<Double> secondSimCpu = new ArrayList<>();
        List<Double> floorSimCpu = new ArrayList<>();
        List<Double> floorConfigOnly = new ArrayList<>();
        List<Double> jit = new ArrayList<>();
        List<Double> floorJit = new ArrayList<>();
        int warmed = 0;
        int measured = 0;
        while (measured < repeats) {
          Bench.deleteTree(dir.resolve("repo"));
          Meter.Reading first;
          Meter.Reading unchanged;
          double commit;
          try (Patina patina = Patina.load(config)) {
            try (Meter m = new Meter(sims.handle())) {
              RunResult result = patina.pipeline().run(RunRequest.of(patina.inventory().devices(), "bench"),
                  RunPipeline.Progress.NONE);
              first = m.read();
              check(result, n, true);
              commit = result.commitTook().toNanos() / 1e9;
            }
            try (Meter m = new Meter(sims.handle())) {
              check(patina.pipeline().run(RunRequest.of(patina.inventory().devices(), "bench"), RunPipeline.Progress.NONE), n, false);
              unchanged = m.read();
            }
          }
          Meter.Reading bare;
          try (Meter m = new Meter(sims.handle())) {
            BareSsh.fetchAll(sims.devices(), commands, concurrency);
            bare = m.read();
          }
          long t = System.nanoTime();
          BareSsh.fetchAll(sims.devices(), configOnly, concurrency);
          double configOnlySeconds = (System.nanoTime() - t) / 1e9;
          if (!warm) { // a warm-up round
            warmed++;
            boolean quiet = jitQuiet(first) && jitQuiet(unchanged) && jitQuiet(bare);
            System.err.printf(Locale.ROOT, "  %s, warm-up round %d (at least %d): patina %.2f s (JIT %.2f s), "
                + "floor %.2f s (JIT %.2f s)%s%n", label, warmed, warmUpRounds(n), first.wallSeconds(),
                first.jitSeconds(), bare.wallSeconds(), bare.jitSeconds(), quiet ? ", JIT quiet" : "");
            warm = warmed >= warmUpRounds(n) && (quiet || warmed >= MAX_WARM_UP_FACTOR * warmUpRounds(n));
            if (warm) {
              table.row("0. warm-up rounds before the measured ones (" + label + ")", warmed + (quiet ? ", the JIT quiet "
                  + "in the last" : ", the JIT still busy in the last (cap reached)"));
            }
            continue;
          }
          measured++;
          jit.add(first.jitSeconds());
          floorJit.add(bare.jitSeconds());
          wall.add(first.wallSeconds());
          cpu.add(first.cpuSeconds());
          heap.add(first.peakHeapMiB());
          second.add(unchanged.wallSeconds());
          secondCpu.add(unchanged.cpuSeconds());
          floor.add(bare.wallSeconds());
          floorCpu.add(bare.cpuSeconds());
          simCpu.add(first.otherCpuSeconds());
          commits.add(commit);
          secondSimCpu.add(unchanged.otherCpuSeconds());
          floorSimCpu.add(bare.otherCpuSeconds());
          floorConfigOnly.add(configOnlySeconds);
          System.err.printf(Locale.ROOT, "  %s, round %d: patina %.2f s (JIT %.2f s; unchanged %.2f s), floor %.2f s (JIT %.2f s)%n",
              label, measured, first.wallSeconds(), first.jitSeconds(), unchanged.wallSeconds(), bare.wallSeconds(),
              bare.jitSeconds());
        }
        Stats w = Stats.of(wall);
        Stats f = Stats.of(floor);
        table.row("1. patina run, new repository (" + label + "): wall", w.format("s"));
        table.row("1. patina run, new repository (" + label + "): CPU of Patina", Stats.of(cpu).format("s"));
        table.row("1. patina run, new repository (" + label + "): CPU of the simulators", Stats.of(simCpu).format("s"));
        table.row("1. patina run, new repository (" + label + "): of the wall, its commit (one thread)",
            Stats.of(commits).format("s"));
        table.row("1. patina run, new repository (" + label + "): peak heap of Patina", Stats.of(heap).format("MiB"));
        table.row("1. patina run, new repository (" + label + "): JIT compilation meanwhile", Stats.of(jit).format("s"));
        table.row("1. patina run, nothing changed (" + label + "): wall", Stats.of(second).format("s"));
        table.row("1. patina run, nothing changed (" + label + "): CPU of Patina", Stats.of(secondCpu).format("s"));
        table.row("1. patina run, nothing changed (" + label + "): CPU of the simulators",
            Stats.of(secondSimCpu).format("s"));
        table.row("2. ratio patina run, nothing changed / bare sshj (" + label + ")",
            String.format(Locale.ROOT, "%.2f", Stats.of(second).median() / f.median()));
        table.row("2. bare sshj, the same " + commands.size() + " commands (" + label + "): wall", f.format("s"));
        table.row("2. bare sshj, the same commands (" + label + "): CPU of the client", Stats.of(floorCpu).format("s"));
        table.row("2. bare sshj, the same commands (" + label + "): CPU of the simulators",
            Stats.of(floorSimCpu).format("s"));
        table.row("2. bare sshj, the same commands (" + label + "): JIT compilation meanwhile",
            Stats.of(floorJit).format("s"));
        table.row("2. bare sshj, running-config only (" + label + "): wall, for reference",
            Stats.of(floorConfigOnly).format("s"));
        table.row("2. ratio patina run / bare sshj (" + label + ")",
            String.format(Locale.ROOT, "%.2f", w.median() / f.median()));
        List<Double> perRound = new ArrayList<>();
        for (int i = 0; i < wall.size(); i++) perRound.add(wall.get(i) / floor.get(i));
        table.row("2. ratio patina run / bare sshj, each round's own (" + label + ")", Stats.of(perRound).spread());
      }
      Bench.deleteTree(dir);
    }
  }

  /**
   * True when the JIT compilers spent at most 5 % of a stretch's wall time: what a warm service
   * pays. On 2 cores the compilers take their time from the run; with the fixed warm-up alone,
   * measured at 2026-11-26 21:32 UTC, the first measured round's new-repository run still had
   * 1.49 s of compilation in it (the floor 0.07 s), and it took until the fourth to fall under 0.3 s.
   */
  static boolean jitQuiet(Meter.Reading r) {
    return r.jitSeconds() <= 0.05 * r.wallSeconds();
  }

  /** The warm-up goes on past {@link #warmUpRounds} while the JIT is busy, up to this many times as many rounds. */
  static final int MAX_WARM_UP_FACTOR = 4;

  /**
   * Unrecorded rounds before the first measured one, at least: until about {@value #WARM_UP_DEVICES} device
   * backups have run, by which the JIT has compiled the per-device path of Patina and of the
   * client (with one round, the first measured rounds of 1,000 devices still ran up to 40 % slower
   * than the later ones). A service is that warm after its first runs; a cold {@code patina run}
   * is what the RANCID comparison times.
   */
  static int warmUpRounds(int n) {
    return Math.max(1, (warmUp(WARM_UP_DEVICES) + n - 1) / n);
  }

  static final int WARM_UP_DEVICES = 3000;
  /** {@code --warm-up N}: device backups before the first measured run; 0 when not given. */
  static int warmUpGiven;

  /** The device backups {@code --warm-up} asks for, else {@code fallback} (each benchmark's own). */
  static int warmUp(int fallback) {
    return warmUpGiven > 0 ? warmUpGiven : fallback;
  }

  static void check(RunResult r, int n, boolean expectCommit) {
    if (!r.failed().isEmpty()) {
      throw new IllegalStateException(r.failed().size() + " of " + n + " devices failed, e.g. "
          + r.failed().get(0).device().name() + ": " + r.failed().get(0).reason());
    }
    if (r.commitId().isPresent() != expectCommit) {
      throw new IllegalStateException(expectCommit ? "the first run made no commit" : "an unchanged run committed");
    }
  }

  static Path writeConfig(Path dir, List<SimProcess.Endpoint> devices, int concurrency) throws IOException {
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
