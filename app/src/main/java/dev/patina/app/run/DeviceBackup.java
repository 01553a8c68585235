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
   * A device collected and cleaned, not yet compared: what a cluster node hands to the node that
   * owns the run ({@code model} may be null for a model this process does not know).
   */
  public record Collected(Device device, Model model, String modelName, Map<String, String> artifacts,
      List<String> notes, Duration took) implements CollectOutcome {}

  /** A device that could not be collected: the failure its run reports. */
  public record NotCollected(DeviceResult.Failed failure) implements CollectOutcome {}

  /** What {@link #collect} gives: the cleaned artifacts, or why there are none. */
  public sealed interface CollectOutcome permits Collected, NotCollected {}

  /**
   * Runs the chain; {@code previous} is the device's artifacts at HEAD (empty when new). A
   * changed device is staged at once, so a run holds no configuration text until its commit.
   */
  public DeviceResult backup(Device device, Map<String, String> previous, Stager stager) {
    return switch (collect(device)) {
      case NotCollected n -> n.failure();
      case Collected c -> compare(c, previous, stager);
    };
  }

  /**
   * The first stages: collect, then clean (volatile lines dropped, secrets masked). Returns a
   * {@link Collected}, or a {@link NotCollected} saying why not.
   */
  public CollectOutcome collect(Device device) {
    long start = System.nanoTime();
    Snapshot raw;
    try {
      raw = collectWithRetries(device);
    } catch (CollectException e) {
      return failed(device, since(start), e.kind(), shown(e.getMessage(), device));
    } catch (InterruptedException e) {
      return failed(device, since(start), FailureKind.STOPPED, "interrupted while waiting to retry");
    } catch (RuntimeException e) {
      return failed(device, since(start), FailureKind.INTERNAL,
          "unexpected " + e.getClass().getSimpleName() + ": " + shown(e.getMessage(), device)
              + " (a bug in Patina: please report it with this device's model)");
    }
    Map<String, String> clean;
    try {
      clean = clean(raw, device);
    } catch (dev.patina.regex.RegexStoppedException e) {
      return failed(device, since(start), FailureKind.MODEL, device.name() + ": cleaning up "
          + raw.model().name() + " output: " + e.getMessage());
    }
    return new Collected(device, raw.model(), raw.model() == null ? null : raw.model().name(), clean, raw.notes(),
        since(start));
  }

  /**
   * The last stage: compare the cleaned artifacts with {@code previous} (the device at HEAD,
   * empty when new) and stage them when they differ.
   */
  public DeviceResult compare(Collected collected, Map<String, String> previous, Stager stager) {
    long start = System.nanoTime() - collected.took().toNanos();
    Device device = collected.device();
    Map<String, String> clean = collected.artifacts();
    if (clean.equals(previous)) {
      return new DeviceResult.Unchanged(device, since(start), state(clean), collected.notes());
    }
    // the stored side may predate a form the detector knows now: it is masked before it is shown
    List<TextDiff> diffs = diffs(shown(previous, device, collected.model()), clean);
    List<String> notes = collected.notes();
    if (previous.values().stream().anyMatch(v -> OLD_TAG.matcher(v).find())) {
      notes = new ArrayList<>(notes);
      notes.add(RETAGGED);
    }
    String tree;
    try {
      tree = stager.stage(clean);
    } catch (StoreException e) {
      return new DeviceResult.Failed(device, since(start), FailureKind.REPOSITORY,
          "cannot write to the repository: " + e.getMessage());
    }
    return new DeviceResult.Changed(device, since(start), previous.isEmpty(), state(previous), state(clean), tree,
        diffs, notes);
  }

  /**
   * Normalises every artifact with its model's rules: volatile lines dropped, secrets masked,
   * text canonicalised. The one place the normaliser is called.
   */
  private Map<String, String> clean(Snapshot raw, Device device) {
    Map<String, String> clean = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : raw.artifacts().entrySet()) {
      clean.put(e.getKey(), normalizer.normalize(e.getValue(), rules(raw.model(), e.getKey()), device.name()));
    }
    return clean;
  }

  /** A tag of releases before per-device keys: 8 hex digits. */
  private static final java.util.regex.Pattern OLD_TAG = java.util.regex.Pattern.compile("<secret:[0-9a-f]{8}>");
  static final String RETAGGED = "masked values rewritten once to per-device tags (upgrade)";

  /** The run's one-line explanation when devices' secret tags were rewritten by the upgrade, or null. */
  public static String retaggedWarning(List<DeviceResult> results) {
    long n = results.stream().filter(r -> r instanceof DeviceResult.Changed c && c.notes().contains(RETAGGED)).count();
    if (n == 0) return null;
    return n + " device(s): every <secret:...> tag was rewritten once, to 16 hex digits keyed per device (Patina "
        + "upgrade). These lines show as changed in this digest; no credential changed because of it.";
  }

  /** Text for a person (a failure reason, a warning): what the credential detector finds is masked. */
  public String shown(String text, Device device) {
    return text == null ? null : normalizer.mask(text, device == null ? "" : device.name());
  }

  /** Stored artifacts as a person may see them: the detector (and the model's not-secrets) applied. */
  private Map<String, String> shown(Map<String, String> artifacts, Device device, Model model) {
    Map<String, String> out = new LinkedHashMap<>();
    artifacts.forEach((k, v) -> out.put(k, normalizer.mask(v, rules(model, k), device.name())));
    return out;
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

  private static NotCollected failed(Device device, Duration took, FailureKind kind, String reason) {
    return new NotCollected(new DeviceResult.Failed(device, took, kind, reason));
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
