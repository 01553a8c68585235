package dev.patina.notify;

import dev.patina.diff.TextDiff;
import dev.patina.diff.state.StateEvent;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The plain-text body of a digest, readable at 3 a.m. in any mail client. */
final class DigestText {
  private DigestText() {}

  static String render(Digest d, Set<String> cutDevices, List<String> cut) {
    StringBuilder s = new StringBuilder();
    s.append("Patina run on ").append(d.host()).append(" at ").append(DigestRenderer.TIME.format(d.started()))
        .append(String.format(Locale.ROOT, " (%.1f s)", d.took().toMillis() / 1000.0));
    if (d.commitId() != null) s.append(", commit ").append(d.commitId(), 0, Math.min(10, d.commitId().length()));
    s.append("\n\n");
    for (DeviceStatus st : DeviceStatus.values()) {
      long n = DigestRenderer.count(d, st);
      if (n == 0) continue;
      s.append(String.format(Locale.ROOT, "  %-10s %4d", st.name().toLowerCase(Locale.ROOT), n));
      if (st != DeviceStatus.UNCHANGED) s.append("   ").append(String.join(", ", DigestRenderer.names(d, st)));
      s.append('\n');
    }
    if (!d.events().isEmpty()) {
      s.append("\nEVENTS\n");
      d.events().stream().sorted(BY_SEVERITY)
          .forEach(e -> s.append(String.format("  %-8s %s%n", e.severity(), e.message())));
    }
    if (!d.warnings().isEmpty()) {
      s.append("\nWARNINGS\n");
      d.warnings().forEach(w -> s.append("  ").append(w).append('\n'));
    }
    List<DeviceReport> failed = d.devices().stream().filter(r -> r.status() == DeviceStatus.FAILED).toList();
    if (!failed.isEmpty()) {
      s.append("\nFAILED (the previous version stays in git)\n");
      failed.forEach(f -> s.append("  ").append(f.name()).append(": ").append(f.failure()).append('\n'));
    }
    for (DeviceReport r : d.devices()) {
      if (r.diffs().isEmpty()) continue;
      s.append("\n").append("=".repeat(72)).append('\n');
      s.append(r.status() == DeviceStatus.NEW ? "NEW " : "CHANGED ").append(r.name());
      if (r.group() != null) s.append("  (group ").append(r.group()).append(')');
      s.append('\n');
      int width = r.diffs().stream().mapToInt(c -> c.path().length()).max().orElse(10);
      r.diffs().forEach(c -> s.append(' ').append(DigestRenderer.diffstat(c, width)).append('\n'));
      if (cutDevices.contains(r.name())) {
        s.append("\n  (diff cut to keep this mail small: run `patina diff ").append(r.name()).append("`)\n");
        continue;
      }
      for (TextDiff c : r.diffs()) s.append('\n').append(c.unified());
    }
    if (!cut.isEmpty()) {
      s.append("\n").append("=".repeat(72)).append("\nCUT FROM THIS MAIL (size limit)\n");
      cut.forEach(c -> s.append("  ").append(c).append('\n'));
    }
    s.append("\n-- \npatina log DEVICE / patina diff DEVICE show any of this again.\n");
    return s.toString();
  }

  /** Critical first, then warnings, then the rest (the order of {@link StateEvent.Severity}). */
  static final Comparator<StateEvent> BY_SEVERITY = Comparator.comparing(StateEvent::severity);
}
