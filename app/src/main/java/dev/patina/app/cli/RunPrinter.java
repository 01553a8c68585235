package dev.patina.app.cli;

import dev.patina.app.run.DeviceResult;
import dev.patina.app.run.RunPipeline;
import dev.patina.app.run.RunResult;
import dev.patina.diff.state.StateEvent;
import dev.patina.diff.TextDiff;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * What a run prints: a progress bar on a terminal (plain lines otherwise), then a summary an
 * engineer can read at 3 a.m.: what changed, what failed and why, what was committed.
 */
final class RunPrinter implements RunPipeline.Progress {
  private final PrintStream out;
  private final PrintStream err;
  private final boolean terminal;
  private final long t0 = System.nanoTime();
  private int changed;
  private int failed;
  private int width = 16;

  RunPrinter(PrintStream out, PrintStream err, boolean terminal) {
    this.out = out;
    this.err = err;
    this.terminal = terminal;
  }

  static boolean isTerminal() {
    return System.console() != null && !"dumb".equals(System.getenv("TERM"));
  }

  void nameWidth(int width) {
    this.width = Math.max(8, Math.min(40, width));
  }

  @Override
  public void started(int total) {
    out.printf("backing up %d device%s%n", total, total == 1 ? "" : "s");
  }

  @Override
  public void finished(DeviceResult r, int done, int total) {
    if (r instanceof DeviceResult.Changed) changed++;
    if (r instanceof DeviceResult.Failed) failed++;
    String line = line(r);
    List<String> notes = switch (r) {
      case DeviceResult.Changed c -> c.notes();
      case DeviceResult.Unchanged u -> u.notes();
      case DeviceResult.Failed f -> List.of();
    };
    for (String note : notes) {
      if (note.startsWith("model auto")) line = (line == null ? "" : line + "\n") + "  auto     " + pad(r.device().name()) + " " + note;
    }
    if (terminal) {
      if (line != null) err.print("\r\033[K");
      if (line != null) out.println(line);
      bar(done, total);
      if (done == total) err.print("\r\033[K");
    } else if (line != null) {
      out.println(line);
    }
  }

  private void bar(int done, int total) {
    int cells = 30;
    int full = total == 0 ? cells : (int) ((long) done * cells / total);
    double secs = (System.nanoTime() - t0) / 1e9;
    err.printf(Locale.ROOT, "\r[%s%s] %d/%d  changed %d  failed %d  %.1f s", "#".repeat(full),
        ".".repeat(cells - full), done, total, changed, failed, secs);
    err.flush();
  }

  /** One line per device that needs a look; unchanged devices only count. */
  private String line(DeviceResult r) {
    String name = pad(r.device().name());
    return switch (r) {
      case DeviceResult.Changed c -> String.format("  %-8s %s %s", c.isNew() ? "new" : "changed", name,
          stat(c));
      case DeviceResult.Failed f -> String.format("  %-8s %s %s: %s", "FAILED", name, f.kind().label(), f.reason());
      case DeviceResult.Unchanged u -> null;
    };
  }

  private static String stat(DeviceResult.Changed c) {
    StringBuilder s = new StringBuilder();
    for (TextDiff d : c.diffs()) {
      if (!s.isEmpty()) s.append(", ");
      s.append(d.path()).append(" +").append(d.added()).append(" -").append(d.removed());
    }
    return s.toString();
  }

  private String pad(String name) {
    return name.length() >= width ? name : name + " ".repeat(width - name.length());
  }

  /** Events, warnings, the one summary line, and what became of the mail. */
  void summary(RunResult run) {
    for (StateEvent e : run.events()) out.printf("  %-8s %s%n", e.severity(), e.message());
    for (String w : run.warnings()) out.printf("  %-8s %s%n", "WARNING", w);
    out.println(run.summary());
    if (!run.failed().isEmpty()) {
      out.println("failed devices keep their previous version in git; see the reasons above.");
    }
    run.mail().ifPresent(m -> {
      m.problems().forEach(p -> out.println("mail: " + p));
      if (m.worthTelling()) out.println("mail: " + m.describe());
      if (!m.problems().isEmpty()) {
        out.println("mail: " + m.problems().size() + " message(s) could not be queued and are lost; the run exits 1");
      }
    });
  }
}
