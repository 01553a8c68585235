package dev.patina.app.run;

import dev.patina.collector.CleanupHints;
import dev.patina.collector.CollectException;
import dev.patina.collector.Collector;
import dev.patina.collector.Model;
import dev.patina.collector.ModelRegistry;
import dev.patina.collector.Snapshot;
import dev.patina.diff.CleanupRules;
import dev.patina.diff.Differ;
import dev.patina.diff.Normalizer;
import dev.patina.diff.TextDiff;
import dev.patina.inventory.Device;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Backs up one device, as a short chain of stages: collect (connect, run the model, strip
 * terminal noise, check completeness), clean (drop volatile lines, mask secrets), compare
 * with the last committed version.
 */
public final class DeviceBackup {
  private final Collector collector;
  private final ModelRegistry models;
  private final Normalizer normalizer;

  public DeviceBackup(Collector collector, ModelRegistry models, Normalizer normalizer) {
    this.collector = collector;
    this.models = models;
    this.normalizer = normalizer;
  }

  /** Runs the chain; {@code previous} is the device's artifacts at HEAD (empty when new). */
  public DeviceResult backup(Device device, Map<String, String> previous) {
    long start = System.nanoTime();
    Snapshot raw;
    try {
      raw = collector.collect(device);
    } catch (CollectException e) {
      return new DeviceResult.Failed(device, since(start), e.kind().name().toLowerCase(), e.getMessage());
    } catch (RuntimeException e) {
      return new DeviceResult.Failed(device, since(start), "internal",
          "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()
              + " (a bug in Patina: please report it with this device's model)");
    }
    Model model = models.find(raw.model()).orElse(null);
    Map<String, String> clean = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : raw.artifacts().entrySet()) {
      clean.put(e.getKey(), normalizer.normalize(e.getValue(), rules(model, e.getKey())));
    }
    Duration took = since(start);
    if (clean.equals(previous)) {
      return new DeviceResult.Unchanged(device, took, clean, raw.notes());
    }
    return new DeviceResult.Changed(device, took, previous, clean, diffs(device, previous, clean),
        raw.notes());
  }

  static List<TextDiff> diffs(Device device, Map<String, String> before, Map<String, String> after) {
    List<TextDiff> diffs = new ArrayList<>();
    TreeSet<String> names = new TreeSet<>(before.keySet());
    names.addAll(after.keySet());
    for (String artifact : names) {
      String b = before.get(artifact);
      String a = after.get(artifact);
      if (b != null && b.equals(a)) continue;
      TextDiff d = Differ.diff("devices/" + device.name() + "/" + artifact, b, a, 3);
      if (!d.isEmpty()) diffs.add(d);
    }
    return diffs;
  }

  private static CleanupRules rules(Model model, String artifact) {
    if (model == null) return CleanupRules.none();
    CleanupHints hints = model.cleanupFor(artifact);
    return new CleanupRules(hints.dropLines(), hints.secrets());
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
