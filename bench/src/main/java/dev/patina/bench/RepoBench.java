package dev.patina.bench;

import dev.patina.diff.Differ;
import dev.patina.diff.TextDiff;
import dev.patina.store.RepoStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/** Repository and diff figures: commit at 10,000 devices, history at 20,000 commits, big diffs, growth. */
final class RepoBench {
  private RepoBench() {}

  /** 3. ten changed devices among 10,000 committed: time to commit. */
  static void commitAmongMany(int devices, int repeats, Table table) throws Exception {
    Path dir = Files.createTempDirectory("patina-bench-commit");
    try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
      Map<String, Map<String, String>> all = new HashMap<>();
      for (int i = 0; i < devices; i++) all.put("dev-" + i, Map.of("running-config", SyntheticIos.config(i, 200, 0)));
      store.writer().commit(all, "initial", null);
      store.writer().housekeepingNow();
      List<Double> times = new ArrayList<>();
      for (int r = 1; r <= repeats; r++) {
        Map<String, Map<String, String>> ten = new HashMap<>();
        for (int k = 0; k < 10; k++) {
          int i = (r * 997 + k * 131) % devices;
          ten.put("dev-" + i, Map.of("running-config", SyntheticIos.config(i, 2000, r)));
        }
        long t = System.nanoTime();
        store.writer().commit(ten, "10 changed", null);
        times.add((System.nanoTime() - t) / 1e9);
      }
      table.row("3. commit of 10 changed devices among " + devices, Stats.of(times).format("s"));
    } finally {
      Bench.deleteTree(dir);
    }
  }

  /** 4. log and show of one device in a repository of {@code commits} commits. */
  static void history(int commits, int repeats, Table table) throws Exception {
    Path dir = Files.createTempDirectory("patina-bench-history");
    try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
      Random random = new Random(7);
      for (int c = 0; c < commits; c++) {
        Map<String, Map<String, String>> change = new HashMap<>();
        for (int k = 0; k < 2; k++) {
          int d = random.nextInt(100);
          change.put("dev-" + d, Map.of("running-config", "hostname dev-" + d + "\n! change " + c + "\nend\n"));
        }
        store.writer().commit(change, "run " + c, null);
        store.writer().housekeeping(); // as patina run does after each commit: packs when due
      }
      store.writer().housekeepingNow();
      List<Double> log = new ArrayList<>();
      List<Double> show = new ArrayList<>();
      int found = 0;
      for (int r = 0; r < repeats; r++) {
        long t = System.nanoTime();
        found = store.history().log("dev-42", Integer.MAX_VALUE).size();
        log.add((System.nanoTime() - t) / 1e9);
        t = System.nanoTime();
        store.history().show("dev-42", "running-config", "HEAD~" + (commits / 2)).orElseThrow();
        show.add((System.nanoTime() - t) / 1e9);
      }
      table.row("4. log of one device (" + found + " of its commits) over " + commits + " commits",
          Stats.of(log).format("s"));
      table.row("4. show of one device at HEAD~" + commits / 2 + " in " + commits + " commits", Stats.of(show).format("s"));
    } finally {
      Bench.deleteTree(dir);
    }
  }

  /** 5. diff of two 200,000-line configs with 1% of lines changed. */
  static void bigDiff(int lines, int repeats, Table table) {
    Random random = new Random(1);
    StringBuilder a = new StringBuilder();
    StringBuilder b = new StringBuilder();
    String base = SyntheticIos.config(1, lines, 0);
    int changed = 0;
    for (String line : base.split("\n")) {
      a.append(line).append('\n');
      if (random.nextInt(100) == 0) {
        b.append(line).append(" changed\n");
        changed++;
      } else {
        b.append(line).append('\n');
      }
    }
    String x = a.toString();
    String y = b.toString();
    List<Double> times = new ArrayList<>();
    TextDiff d = null;
    for (int r = 0; r < repeats; r++) {
      long t = System.nanoTime();
      d = Differ.diff("p", x, y, 3);
      times.add((System.nanoTime() - t) / 1e9);
    }
    if (d.added() != changed) throw new IllegalStateException("diff found " + d.added() + " of " + changed);
    table.row(String.format(Locale.ROOT, "5. diff of two %,d-line configs, %,d lines changed", lines, changed),
        Stats.of(times).format("s"));
  }

  /** 6. repository size after {@code runs} runs changing 3 of 100 devices, with and without housekeeping. */
  static void growth(int runs, Table table) throws Exception {
    for (boolean housekeeping : new boolean[] {false, true}) {
      Path dir = Files.createTempDirectory("patina-bench-growth");
      try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
        Map<String, Map<String, String>> all = new HashMap<>();
        for (int i = 0; i < 100; i++) all.put("dev-" + i, Map.of("running-config", SyntheticIos.config(i, 2000, 0)));
        store.writer().commit(all, "initial", null);
        Random random = new Random(3);
        for (int r = 1; r <= runs; r++) {
          Map<String, Map<String, String>> change = new HashMap<>();
          for (int k = 0; k < 3; k++) {
            int i = random.nextInt(100);
            change.put("dev-" + i, Map.of("running-config", SyntheticIos.config(i, 2000, r)));
          }
          store.writer().commit(change, "run " + r, null);
          if (housekeeping) store.writer().housekeeping();
        }
        table.row("6. repository size after " + runs + " runs " + (housekeeping ? "with" : "without")
            + " housekeeping", String.format(Locale.ROOT, "%.1f MiB", Bench.size(dir.resolve("repo")) / 1048576.0));
      } finally {
        Bench.deleteTree(dir);
      }
    }
  }

  /**
   * 6. a fleet's repository after two runs that changed every device (each run writes a pack),
   * before and after housekeeping, and what housekeeping took: whether versions that arrived in
   * packs end up as deltas.
   */
  static void largeRuns(int devices, Table table) throws Exception {
    Path dir = Files.createTempDirectory("patina-bench-large");
    try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
      for (int run = 0; run < 2; run++) {
        Map<String, String> trees = new HashMap<>();
        for (int i = 0; i < devices; i++) {
          trees.put("dev-" + i, store.writer().stage(Map.of("running-config", SyntheticIos.config(i, 2000, run))));
        }
        store.writer().commitTrees(trees, "run " + run, null);
      }
      double before = Bench.size(dir.resolve("repo")) / 1048576.0;
      long t = System.nanoTime();
      store.writer().housekeepingNow();
      double took = (System.nanoTime() - t) / 1e9;
      table.row(String.format(Locale.ROOT, "6. repository of %,d devices after 2 runs that changed every one", devices),
          String.format(Locale.ROOT, "%.1f MiB; after housekeeping %.1f MiB (housekeeping %.1f s)", before,
              Bench.size(dir.resolve("repo")) / 1048576.0, took));
    } finally {
      Bench.deleteTree(dir);
    }
  }
}
