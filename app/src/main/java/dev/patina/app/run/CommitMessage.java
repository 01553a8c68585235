package dev.patina.app.run;

import dev.patina.diff.TextDiff;
import java.util.List;

/** The commit message of a run: a subject naming the devices, then a diffstat and the events. */
public final class CommitMessage {
  private static final int SUBJECT_NAMES = 5;

  private CommitMessage() {}

  public static String of(RunResult run, List<RunEvent> events) {
    List<DeviceResult.Changed> changed = run.changed();
    long added = changed.stream().filter(DeviceResult.Changed::isNew).count();
    StringBuilder subject = new StringBuilder();
    long modified = changed.size() - added;
    if (modified > 0) subject.append(modified).append(" changed");
    if (added > 0) subject.append(subject.isEmpty() ? "" : ", ").append(added).append(" new");
    subject.append(": ").append(names(changed));
    StringBuilder body = new StringBuilder(subject).append("\n\n");
    int width = changed.stream().mapToInt(c -> c.device().name().length()).max().orElse(0);
    for (DeviceResult.Changed c : changed) {
      for (TextDiff d : c.diffs()) {
        String artifact = d.path().substring(("devices/" + c.device().name() + "/").length());
        body.append(String.format("%-" + width + "s  %s | +%d -%d%n", c.device().name(), artifact, d.added(),
            d.removed()));
      }
    }
    if (!events.isEmpty()) {
      body.append("\nEvents:\n");
      for (RunEvent e : events) body.append("  ").append(e.severity()).append("  ").append(e.message()).append('\n');
    }
    if (!run.failed().isEmpty()) {
      body.append("\nFailed (previous version kept):\n");
      for (DeviceResult.Failed f : run.failed()) {
        body.append("  ").append(f.device().name()).append(": ").append(f.reason()).append('\n');
      }
    }
    return body.toString();
  }

  private static String names(List<DeviceResult.Changed> changed) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(SUBJECT_NAMES, changed.size()); i++) {
      if (i > 0) s.append(", ");
      s.append(changed.get(i).device().name());
    }
    if (changed.size() > SUBJECT_NAMES) s.append(", +").append(changed.size() - SUBJECT_NAMES).append(" more");
    return s.toString();
  }
}
