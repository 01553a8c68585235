package dev.patina.bench;

import dev.patina.app.Patina;
import dev.patina.app.run.RunPipeline;
import dev.patina.app.run.RunRequest;
import dev.patina.app.run.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One run of many devices in a heap of 512 MiB (run with -Xmx512m: bench/run heap does): the
 * simulated devices (sharing one 2,000-line config) run in a JVM of their own, so the figure
 * is Patina's heap alone.
 */
final class HeapBench {
  private HeapBench() {}

  static void run(int n, Table table) throws Exception {
    try (SimProcess sims = SimProcess.start(n, 2000, true)) {
      Path dir = Files.createTempDirectory("patina-bench-heap");
      Path config = FleetBench.writeConfig(dir, sims.devices(), 64);
      try (Patina patina = Patina.load(config); Meter m = new Meter()) {
        RunResult r = patina.pipeline().run(RunRequest.of(patina.inventory().devices(), "bench"), RunPipeline.Progress.NONE);
        Meter.Reading reading = m.read();
        table.row(String.format(Locale.ROOT, "heap: one run of %,d devices (%s): peak heap used", n,
            Bench.maxHeap()), String.format(Locale.ROOT, "%.0f MiB (%d failed, %.1f s)",
            reading.peakHeapMiB(), r.failed().size(), reading.wallSeconds()));
      }
      Bench.deleteTree(dir);
    }
  }
}
