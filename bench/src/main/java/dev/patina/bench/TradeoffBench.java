package dev.patina.bench;

import dev.patina.app.Patina;
import dev.patina.app.run.RunPipeline;
import dev.patina.app.run.RunRequest;
import dev.patina.store.RepoStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the two trade-offs Patina does not make would give a first run of {@code n} devices (no
 * added latency): object ids by the JDK's SHA-1, without collision detection, and run packs
 * written undeflated (level 0). The variants take turns round by round in one JVM, so drift on
 * the machine hits them alike; each round runs Patina into a new repository, then the bare
 * client, and its ratio is the two walls of that round. Not how Patina runs: a measurement for
 * deciding, nothing in {@code patina} can switch these on.
 */
final class TradeoffBench {
  private TradeoffBench() {}

  private static final String SHA1_PROPERTY = "org.eclipse.jgit.util.sha1.implementation";

  private record Variant(String name, boolean jdkSha1, boolean level0) {}

  /** One measured round: Patina's first run and the floor right after it. */
  private record Round(double wall, double cpu, double floor, double packMiB) {}

  private static final List<Variant> VARIANTS = List.of(
      new Variant("as shipped (collision-detecting SHA-1, level 1)", false, false),
      new Variant("JDK SHA-1, no collision detection", true, false),
      new Variant("run packs at level 0", false, true),
      new Variant("both", true, true));

  static void run(int n, int perVariant, Table table) throws Exception {
    List<String> commands = BareSsh.commandsOf("cisco-ios");
    int warmUp = Math.max(2 * VARIANTS.size(), 3 * FleetBench.warmUpRounds(n));
    Map<Variant, List<Round>> rounds = new LinkedHashMap<>();
    try (SimProcess sims = SimProcess.start(n, 2000, false)) {
      Path dir = Files.createTempDirectory("patina-bench-tradeoffs");
      Path config = FleetBench.writeConfig(dir, sims.devices(), 64);
      Path repo = dir.resolve("repo");
      try {
        for (int round = 0; round < warmUp + perVariant * VARIANTS.size(); round++) {
          Variant v = VARIANTS.get(round % VARIANTS.size());
          Bench.deleteTree(repo);
          try (RepoStore created = RepoStore.open(repo)) {
            if (v.level0()) {
              // the run pack's level is git's for loose objects (RunWriter.runCompression)
              Files.writeString(repo.resolve("config"), "[core]\n\tlooseCompression = 0\n", StandardOpenOption.APPEND);
            }
          }
          if (v.jdkSha1()) {
            System.setProperty(SHA1_PROPERTY, "jdkNative"); // JGit reads it at every new SHA-1
            if (!org.eclipse.jgit.util.sha1.SHA1.newInstance().getClass().getSimpleName().equals("SHA1Native")) {
              throw new IllegalStateException("JGit ignored " + SHA1_PROPERTY + "; this variant would measure nothing");
            }
          } else {
            System.clearProperty(SHA1_PROPERTY);
          }
          Meter.Reading patina;
          try (Patina p = Patina.load(config)) {
            try (Meter m = new Meter(sims.handle())) {
              FleetBench.check(p.pipeline().run(RunRequest.of(p.inventory().devices(), "bench"),
                  RunPipeline.Progress.NONE), n, true);
              patina = m.read();
            }
          } finally {
            System.clearProperty(SHA1_PROPERTY);
          }
          double packMiB = packBytes(repo) / 1048576.0;
          Meter.Reading bare;
          try (Meter m = new Meter(sims.handle())) {
            BareSsh.fetchAll(sims.devices(), commands, 64);
            bare = m.read();
          }
          boolean measured = round >= warmUp;
          System.err.printf(Locale.ROOT, "  tradeoffs, %s round %d, %s: patina %.2f s, floor %.2f s, ratio %.3f, pack %.1f MiB%n",
              measured ? "measured" : "warm-up", round + 1, v.name(), patina.wallSeconds(), bare.wallSeconds(),
              patina.wallSeconds() / bare.wallSeconds(), packMiB);
          if (!measured) continue;
          rounds.computeIfAbsent(v, k -> new ArrayList<>())
              .add(new Round(patina.wallSeconds(), patina.cpuSeconds(), bare.wallSeconds(), packMiB));
        }
      } finally {
        Bench.deleteTree(dir);
      }
    }
    String label = String.format(Locale.ROOT, "N=%,d, new repository, no added latency", n);
    for (Variant v : VARIANTS) {
      List<Round> r = rounds.get(v);
      String row = "tradeoffs (" + label + "), " + v.name() + ": ";
      table.row(row + "ratio of each round", of(r, x -> x.wall() / x.floor()).spread());
      table.row(row + "patina run, wall", of(r, Round::wall).format("s"));
      table.row(row + "patina run, CPU of Patina", of(r, Round::cpu).format("s"));
      table.row(row + "bare sshj in the same rounds, wall", of(r, Round::floor).format("s"));
      table.row(row + "the run's pack", of(r, Round::packMiB).format("MiB"));
    }
  }

  private static Stats of(List<Round> rounds, java.util.function.ToDoubleFunction<Round> figure) {
    return Stats.of(rounds.stream().map(figure::applyAsDouble).toList());
  }

  private static long packBytes(Path repo) throws java.io.IOException {
    try (var files = Files.walk(repo.resolve("objects"))) {
      return files.filter(f -> f.toString().endsWith(".pack")).mapToLong(f -> f.toFile().length()).sum();
    }
  }
}
