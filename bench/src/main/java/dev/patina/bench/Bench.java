package dev.patina.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Patina's benchmarks: {@code bench/run [all|fleet|tradeoffs|repo|diff|normalize|web|heap|rancid|changes|cluster] [--devices N] [--repeats R] [--latency MS]}.
 * Prints each figure as the median of several runs with its spread. Timings are never asserted.
 */
public final class Bench {
  private Bench() {}

  /**
   * The heap as given ({@code -Xmx}) and as the JVM can fill it: the throughput collector keeps
   * one survivor space out of {@link Runtime#maxMemory}.
   */
  static String maxHeap() {
    String given = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("-Xmx")).reduce((a, b) -> b).orElse("default");
    return "max heap " + given + " (" + (Runtime.getRuntime().maxMemory() >> 20) + " MiB usable)";
  }

  public static void main(String[] args) throws Exception {
    String what = args.length > 0 && !args[0].startsWith("--") ? args[0] : "all";
    int devices = intArg(args, "--devices", 0);
    int repeats = intArg(args, "--repeats", 5);
    FleetBench.warmUpGiven = intArg(args, "--warm-up", 0);
    Table table = new Table();
    System.out.printf("patina bench: %s on %d cores, %s, %s, %s%n", what,
        Runtime.getRuntime().availableProcessors(), maxHeap(),
        ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList(),
        System.getProperty("java.vm.name") + " " + Runtime.version());
    if (what.equals("all") || what.equals("fleet")) {
      for (int n : devices > 0 ? List.of(devices) : List.of(100, 1000)) {
        int latency = intArg(args, "--latency", -1);
        FleetBench.run(n, latency >= 0 ? List.of(Duration.ofMillis(latency)) : List.of(Duration.ZERO, Duration.ofMillis(20)),
            repeats, 64, table);
      }
    }
    if (what.equals("tradeoffs")) TradeoffBench.run(devices > 0 ? devices : 1000, Math.max(10, repeats), table);
    if (what.equals("all") || what.equals("repo")) {
      RepoBench.commitAmongMany(10_000, Math.max(5, repeats), table);
      RepoBench.history(20_000, Math.max(5, repeats), table);
      RepoBench.growth(1000, table);
      RepoBench.largeRuns(10_000, table);
    }
    if (what.equals("all") || what.equals("diff")) RepoBench.bigDiff(200_000, Math.max(7, repeats), table);
    if (what.equals("all") || what.equals("normalize")) NormalizeBench.run(repeats, table);
    if (what.equals("all") || what.equals("web")) WebBench.versions(20_000, Math.max(5, repeats), table);
    if (what.equals("all") || what.equals("web") || what.equals("web-fleet")) {
      WebBench.fleet(devices > 0 ? devices : 10_000, Math.max(5, repeats), table);
    }
    if (what.equals("heap")) HeapBench.run(devices > 0 ? devices : 10_000, table);
    if (what.equals("rancid")) RancidBench.run(devices > 0 ? devices : 100, table);
    if (what.equals("changes")) ChangeBench.run(intArg(args, "--changes", 20), table);
    if (what.equals("cluster")) ClusterBench.run(devices > 0 ? devices : 1000, Math.min(repeats, 5), table);
    table.print();
  }

  private static int intArg(String[] args, String name, int fallback) {
    for (int i = 0; i + 1 < args.length; i++) if (args[i].equals(name)) return Integer.parseInt(args[i + 1]);
    return fallback;
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) return;
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(q);
    }
  }

  static long size(Path p) throws IOException {
    try (Stream<Path> walk = Files.walk(p)) {
      return walk.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }
}
