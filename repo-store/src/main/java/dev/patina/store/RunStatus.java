package dev.patina.store;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
  public record Entry(Instant lastSuccess, Instant lastFailure, String lastError, int consecutiveFailures) {
    /** The record after a success at {@code when} ({@code old} may be null: the device's first run). */
    public static Entry afterSuccess(Entry old, Instant when) {
      return new Entry(when, old == null ? null : old.lastFailure(), old == null ? null : old.lastError(), 0);
    }

    /** The record after a failure at {@code when} ({@code old} may be null). */
    public static Entry afterFailure(Entry old, Instant when, String reason) {
      return new Entry(old == null ? null : old.lastSuccess(), when, reason,
          (old == null ? 0 : old.consecutiveFailures()) + 1);
    }
  }

  private final Path file;
  private final Map<String, Entry> entries = new TreeMap<>();
  private String recovery;

  RunStatus(Path file) throws StoreException {
    this.file = file;
    if (file == null || !Files.exists(file)) return;
    try {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(r);
      }
      for (String key : p.stringPropertyNames()) {
        if (!key.endsWith(".failures")) continue;
        String device = key.substring(0, key.length() - ".failures".length());
        entries.put(device, new Entry(instant(p.getProperty(device + ".success")),
            instant(p.getProperty(device + ".failure")), p.getProperty(device + ".error"),
            Integer.parseInt(p.getProperty(key, "0").strip())));
      }
    } catch (java.nio.file.NoSuchFileException gone) {
      entries.clear();
    } catch (IOException | RuntimeException e) {
      // damaged (a crash, a full disk, a hand edit): it only counts failures in a row, so start
      // afresh rather than leave alerts off for good; the damaged file is kept for a look
      entries.clear();
      Path aside = file.resolveSibling(file.getFileName() + ".damaged");
      try {
        Files.move(file, aside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException moveFailed) {
        throw new StoreException("the run status " + file + " is damaged (" + e.getMessage() + ") and cannot be"
            + " moved aside: " + moveFailed.getMessage() + "; delete it, Patina starts a new one", moveFailed);
      }
      recovery = "the run status " + file + " was damaged (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); it was moved to " + aside.getFileName()
          + " and failures in a row count from this run";
    }
  }

  /** What was done about a damaged status file when it was read, once (null: nothing). */
  public synchronized String takeRecovery() {
    String r = recovery;
    recovery = null;
    return r;
  }

  private static Instant instant(String s) {
    return s == null || s.isEmpty() ? null : Instant.parse(s);
  }

  /**
   * The status file of the repository in {@code gitDir} as it is on disk now, read-only: for
   * readers in another process than the one running backups ({@code patina web}).
   */
  public static RunStatus read(Path gitDir) throws StoreException {
    return new RunStatus(gitDir.resolve("patina-status.properties"));
  }

  /** A status holding {@code entries}, not backed by a file (the cluster database's counts, for readers). */
  public static RunStatus of(Map<String, Entry> entries) {
    RunStatus s;
    try {
      s = new RunStatus(null);
    } catch (StoreException e) {
      throw new IllegalStateException(e);
    }
    s.entries.putAll(entries);
    return s;
  }

  /** Every device's record, by name. */
  public synchronized Map<String, Entry> all() {
    return new TreeMap<>(entries);
  }

  public synchronized Optional<Entry> get(String device) {
    return Optional.ofNullable(entries.get(device));
  }

  /** Records a success; returns how many failures in a row it ends (0 if none). */
  public synchronized int recordSuccess(String device, Instant when) {
    Entry old = entries.get(device);
    entries.put(device, Entry.afterSuccess(old, when));
    return old == null ? 0 : old.consecutiveFailures();
  }

  /** Records a failure; returns the failures in a row, this one included. */
  public synchronized int recordFailure(String device, Instant when, String reason) {
    Entry e = Entry.afterFailure(entries.get(device), when, reason);
    entries.put(device, e);
    return e.consecutiveFailures();
  }

  /** Writes the file atomically (temp file, then rename). */
  public synchronized void save() throws StoreException {
    if (file == null) throw new IllegalStateException("a run status made of counts from elsewhere has no file");
    Properties p = new Properties();
    entries.forEach((device, e) -> {
      p.setProperty(device + ".failures", String.valueOf(e.consecutiveFailures()));
      if (e.lastSuccess() != null) p.setProperty(device + ".success", e.lastSuccess().toString());
      if (e.lastFailure() != null) p.setProperty(device + ".failure", e.lastFailure().toString());
      if (e.lastError() != null) p.setProperty(device + ".error", e.lastError());
    });
    try {
      dev.patina.files.SafeFile.write(file, out -> {
        Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
        p.store(w, "patina run status: not part of any commit");
        w.flush();
      }, "the run status", null);
    } catch (IOException e) {
      throw new StoreException(e.getMessage(), e);
    }
  }
}
