package dev.patina.store;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The history of runs and the state events they found, for the web UI and the API: two
 * append-only files beside the git data, never committed ({@code patina-runs.log},
 * {@code patina-events.log}), one tab-separated record a line. Readers take the newest lines
 * from the end of the file, so a long history costs nothing to show.
 */
public final class RunLog implements RunHistory {
  /** One run: when, how long, what triggered it, its counts, the failed devices and the commit if any. */
  public record Run(Instant started, Duration took, String trigger, int changed, int added, int unchanged,
      int failed, String commit, List<String> failedDevices) {}

  /** One state event (a bond slave down, a VRRP role change, two masters) found by a run. */
  public record Event(Instant time, String device, String severity, String message) {}

  private static final int TAIL = 4 * 1024 * 1024;
  private final Path runs;
  private final Path events;

  RunLog(Path gitDir) {
    this.runs = gitDir.resolve("patina-runs.log");
    this.events = gitDir.resolve("patina-events.log");
  }

  /** Appends a run and its events. */
  @Override
  public synchronized void append(Run run, List<Event> found) throws StoreException {
    StringBuilder r = new StringBuilder();
    r.append(run.started()).append('\t').append(run.took().toMillis()).append('\t').append(clean(run.trigger()))
        .append('\t').append(run.changed()).append('\t').append(run.added()).append('\t').append(run.unchanged())
        .append('\t').append(run.failed()).append('\t').append(run.commit() == null ? "" : run.commit()).append('\t')
        .append(String.join(",", run.failedDevices())).append('\n');
    StringBuilder e = new StringBuilder();
    for (Event ev : found) {
      e.append(ev.time()).append('\t').append(clean(ev.device())).append('\t').append(clean(ev.severity()))
          .append('\t').append(clean(ev.message())).append('\n');
    }
    try {
      Files.writeString(runs, r, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      if (!e.isEmpty()) {
        Files.writeString(events, e, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      }
    } catch (IOException x) {
      throw new StoreException("cannot write the run log " + runs + ": " + x.getMessage(), x);
    }
  }

  /** The newest runs first, at most {@code max}. */
  @Override
  public List<Run> runs(int max) throws StoreException {
    List<Run> out = new ArrayList<>();
    for (String line : tail(runs, max)) {
      String[] f = line.split("\t", -1);
      if (f.length != 9) continue;
      try {
        out.add(new Run(Instant.parse(f[0]), Duration.ofMillis(Long.parseLong(f[1])), f[2], Integer.parseInt(f[3]),
            Integer.parseInt(f[4]), Integer.parseInt(f[5]), Integer.parseInt(f[6]), f[7].isEmpty() ? null : f[7],
            f[8].isEmpty() ? List.of() : List.of(f[8].split(","))));
      } catch (RuntimeException skipped) {
        // a torn or foreign line is left out rather than failing the page
      }
    }
    return out;
  }

  /** The newest events first, at most {@code max}; only those of {@code device} when it is not null. */
  @Override
  public List<Event> events(String device, int max) throws StoreException {
    List<Event> out = new ArrayList<>();
    for (String line : tail(events, device == null ? max : Integer.MAX_VALUE)) {
      String[] f = line.split("\t", 4);
      if (f.length != 4) continue;
      if (device != null && !f[1].equals(device)) continue;
      try {
        out.add(new Event(Instant.parse(f[0]), f[1], f[2], f[3]));
      } catch (RuntimeException skipped) {
        // left out, as for runs
      }
      if (out.size() >= max) break;
    }
    return out;
  }

  /** The last lines of {@code file} (within its last 4 MiB), newest first. */
  private static List<String> tail(Path file, int max) throws StoreException {
    if (!Files.exists(file)) return List.of();
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long size = f.length();
      int n = (int) Math.min(size, TAIL);
      byte[] buf = new byte[n];
      f.seek(size - n);
      f.readFully(buf);
      String text = new String(buf, StandardCharsets.UTF_8);
      List<String> lines = new ArrayList<>(List.of(text.split("\n")));
      if (n < size && !lines.isEmpty()) lines.remove(0); // a partial first line
      Collections.reverse(lines);
      return lines.size() > max ? lines.subList(0, max) : lines;
    } catch (IOException e) {
      throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static String clean(String s) {
    return s == null ? "" : s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
  }
}
