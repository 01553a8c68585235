package dev.patina.app.run;

import dev.patina.diff.TextDiff;
import dev.patina.diff.state.StateEvent;
import java.util.List;

/**
 * The commit message of a run: a subject naming the devices, then a diffstat, the events, the
 * failures, and last the request's trailers ({@code Changed-By: ...}) as git trailers.
 */
final class CommitMessage {
  private static final int SUBJECT_NAMES = 5;

  private CommitMessage() {}

  static String of(List<DeviceResult> devices, List<StateEvent> events, List<String> trailers) {
    List<DeviceResult.Changed> changed = devices.stream().filter(r -> r instanceof DeviceResult.Changed)
        .map(r -> (DeviceResult.Changed) r).toList();
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
        body.append(String.format("%-" + width + "s  %s | +%d -%d%n", c.device().name(), d.path(), d.added(),
            d.removed()));
      }
    }
    if (!events.isEmpty()) {
      body.append("\nEvents:\n");
      for (StateEvent e : events) body.append("  ").append(e.severity()).append("  ").append(e.message()).append('\n');
    }
    List<DeviceResult.Failed> failed = devices.stream().filter(r -> r instanceof DeviceResult.Failed)
        .map(r -> (DeviceResult.Failed) r).toList();
    if (!failed.isEmpty()) {
      body.append("\nFailed (previous version kept):\n");
      for (DeviceResult.Failed f : failed) {
        body.append("  ").append(f.device().name()).append(": ").append(f.reason()).append('\n');
      }
    }
    if (!trailers.isEmpty()) {
      body.append('\n');
      for (String t : trailers) body.append(t).append('\n');
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
