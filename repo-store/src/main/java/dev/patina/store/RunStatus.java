package dev.patina.store;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Per device: last success, last failure and its reason, failures in a row. Kept in a file
 * beside the git data ({@code patina-status.properties}), never committed, so a failing
 * device does not make commits.
 */
public final class RunStatus {
  /**
   * One device's record across runs (not one run's outcome, which is the run's DeviceResult):
   * {@code lastError} is "kind: reason", the failure kind as text because this module depends
   * on no other.
   */
  public record Entry(Instant lastSuccess, Instant lastFailure, String lastError, int consecutiveFailures) {}

  private final Path file;
  private final Map<String, Entry> entries = new TreeMap<>();

  RunStatus(Path file) throws StoreException {
    this.file = file;
    if (!Files.exists(file)) return;
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new StoreException("cannot read run status " + file + ": " + e.getMessage(), e);
    }
    for (String key : p.stringPropertyNames()) {
      if (!key.endsWith(".failures")) continue;
      String device = key.substring(0, key.length() - ".failures".length());
      entries.put(device, new Entry(instant(p.getProperty(device + ".success")),
          instant(p.getProperty(device + ".failure")), p.getProperty(device + ".error"),
          Integer.parseInt(p.getProperty(key, "0"))));
    }
  }

  private static Instant instant(String s) {
    return s == null || s.isEmpty() ? null : Instant.parse(s);
  }

  public synchronized Optional<Entry> get(String device) {
    return Optional.ofNullable(entries.get(device));
  }

  /** Records a success; returns how many failures in a row it ends (0 if none). */
  public synchronized int recordSuccess(String device, Instant when) {
    Entry old = entries.get(device);
    int ended = old == null ? 0 : old.consecutiveFailures();
    entries.put(device, new Entry(when, old == null ? null : old.lastFailure(), old == null ? null : old.lastError(), 0));
    return ended;
  }

  /** Records a failure; returns the failures in a row, this one included. */
  public synchronized int recordFailure(String device, Instant when, String reason) {
    Entry old = entries.get(device);
    int n = (old == null ? 0 : old.consecutiveFailures()) + 1;
    entries.put(device, new Entry(old == null ? null : old.lastSuccess(), when, reason, n));
    return n;
  }

  /** Writes the file atomically (temp file, then rename). */
  public synchronized void save() throws StoreException {
    Properties p = new Properties();
    entries.forEach((device, e) -> {
      p.setProperty(device + ".failures", String.valueOf(e.consecutiveFailures()));
      if (e.lastSuccess() != null) p.setProperty(device + ".success", e.lastSuccess().toString());
      if (e.lastFailure() != null) p.setProperty(device + ".failure", e.lastFailure().toString());
      if (e.lastError() != null) p.setProperty(device + ".error", e.lastError());
    });
    try {
      Path tmp = Files.createTempFile(file.getParent(), ".status", ".tmp");
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        p.store(w, "patina run status: not part of any commit");
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new StoreException("cannot write run status " + file + ": " + e.getMessage(), e);
    }
  }
}
