package dev.patina.app.run;

import dev.patina.collector.CollectException;
import dev.patina.collector.Collector;
import dev.patina.collector.Model;
import dev.patina.collector.FailureKind;
import dev.patina.collector.Snapshot;
import dev.patina.diff.CleanupRules;
import dev.patina.diff.Differ;
import dev.patina.diff.Normalizer;
import dev.patina.diff.TextDiff;
import dev.patina.inventory.Device;
import dev.patina.store.StoreException;
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
  private final Normalizer normalizer;
  private final int retries;
  private final Duration backoff;

  /**
   * @param retries extra attempts after a transient failure (connection refused or dropped);
   *     never after an authentication, host key, timeout or incomplete-output failure
   * @param backoff wait before the first retry, doubled for each further one
   */
  public DeviceBackup(Collector collector, Normalizer normalizer, int retries, Duration backoff) {
    this.collector = collector;
    this.normalizer = normalizer;
    this.retries = retries;
    this.backoff = backoff;
  }

  /** Writes a changed device's artifacts to the repository's object database; returns its tree id. */
  @FunctionalInterface
  public interface Stager {
    String stage(Map<String, String> artifacts) throws StoreException;
  }

  /**
   * Runs the chain; {@code previous} is the device's artifacts at HEAD (empty when new). A
   * changed device is staged at once, so a run holds no configuration text until its commit.
   */
  public DeviceResult backup(Device device, Map<String, String> previous, Stager stager) {
    long start = System.nanoTime();
    Snapshot raw;
    try {
      raw = collectWithRetries(device);
    } catch (CollectException e) {
      return new DeviceResult.Failed(device, since(start), e.kind(), e.getMessage());
    } catch (InterruptedException e) {
      return new DeviceResult.Failed(device, since(start), FailureKind.STOPPED, "interrupted while waiting to retry");
    } catch (RuntimeException e) {
      return new DeviceResult.Failed(device, since(start), FailureKind.INTERNAL,
          "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()
              + " (a bug in Patina: please report it with this device's model)");
    }
    Map<String, String> clean = clean(raw);
    if (clean.equals(previous)) {
      return new DeviceResult.Unchanged(device, since(start), state(clean), raw.notes());
    }
    List<TextDiff> diffs = diffs(previous, clean);
    String tree;
    try {
      tree = stager.stage(clean);
    } catch (StoreException e) {
      return new DeviceResult.Failed(device, since(start), FailureKind.REPOSITORY,
          "cannot write to the repository: " + e.getMessage());
    }
    return new DeviceResult.Changed(device, since(start), previous.isEmpty(), state(previous), state(clean), tree,
        diffs, raw.notes());
  }

  /**
   * Normalises every artifact with its model's rules: volatile lines dropped, secrets masked,
   * text canonicalised. The one place the normaliser is called.
   */
  private Map<String, String> clean(Snapshot raw) {
    Map<String, String> clean = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : raw.artifacts().entrySet()) {
      clean.put(e.getKey(), normalizer.normalize(e.getValue(), rules(raw.model(), e.getKey())));
    }
    return clean;
  }

  /** The state documents ({@code state/...}) of a device's artifacts: small, and what events need. */
  static Map<String, String> state(Map<String, String> artifacts) {
    Map<String, String> out = new LinkedHashMap<>();
    artifacts.forEach((k, v) -> {
      if (k.startsWith("state/")) out.put(k, v);
    });
    return out;
  }

  private Snapshot collectWithRetries(Device device) throws CollectException, InterruptedException {
    Duration wait = backoff;
    for (int attempt = 0; ; attempt++) {
      try {
        return collector.collect(device);
      } catch (CollectException e) {
        if (!e.kind().isTransient() || attempt >= retries) {
          if (attempt == 0) throw e;
          throw new CollectException(e.kind(), e.getMessage() + " (after " + (attempt + 1) + " attempts)", e);
        }
      }
      Thread.sleep(wait.toMillis());
      wait = wait.multipliedBy(2);
    }
  }

  /**
   * The diffs for the digest and the run output, each named by its artifact ({@code running-config},
   * not its git path). A brand-new device gets its diffstat only:
   * its whole configuration as "added" lines helps no reader and costs memory at fleet scale.
   */
  static List<TextDiff> diffs(Map<String, String> before, Map<String, String> after) {
    List<TextDiff> diffs = new ArrayList<>();
    if (before.isEmpty()) {
      for (Map.Entry<String, String> a : new java.util.TreeMap<>(after).entrySet()) {
        String text = a.getValue();
        int lines = 0;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++; // normalised: one '\n' per line
        if (!text.isEmpty() && !text.endsWith("\n")) lines++;
        diffs.add(new TextDiff(a.getKey(), lines, 0, ""));
      }
      return diffs;
    }
    TreeSet<String> names = new TreeSet<>(before.keySet());
    names.addAll(after.keySet());
    for (String artifact : names) {
      String b = before.get(artifact);
      String a = after.get(artifact);
      if (b != null && b.equals(a)) continue;
      TextDiff d = Differ.diff(artifact, b, a, 3);
      if (!d.isEmpty()) diffs.add(d);
    }
    return diffs;
  }

  /** The cleanup rules of a model's artifact, compiled once when the model was read. */
  private static CleanupRules rules(Model model, String artifact) {
    return model == null ? CleanupRules.none() : model.cleanupFor(artifact);
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
