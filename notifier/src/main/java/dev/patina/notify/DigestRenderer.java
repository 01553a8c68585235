package dev.patina.notify;

import dev.patina.diff.TextDiff;
import dev.patina.diff.state.StateEvent;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Renders a digest as text and HTML: summary first, then events, warnings, failures, and per
 * device its diffstat and unified diffs. Over the size cap, the largest diffs are cut first and
 * the message says what was cut and how to see it.
 */
public final class DigestRenderer {
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final int SUBJECT_NAMES = 3;

  public RenderedMail render(Digest digest, long maxBytes) {
    List<String> cut = new ArrayList<>();
    Set<String> cutDevices = new LinkedHashSet<>();
    List<DeviceReport> bySize = digest.devices().stream()
        .sorted(Comparator.comparingLong(DigestRenderer::diffBytes).reversed()).toList();
    String text = DigestText.render(digest, cutDevices, cut);
    String html = DigestHtml.render(digest, cutDevices, cut);
    for (DeviceReport d : bySize) {
      if (bytes(text) + bytes(html) <= maxBytes) break;
      if (diffBytes(d) == 0) continue;
      cutDevices.add(d.name());
      int lines = d.diffs().stream().mapToInt(c -> c.added() + c.removed()).sum();
      cut.add(String.format(Locale.ROOT, "%s: %d changed lines not shown; run `patina diff %s`", d.name(), lines,
          d.name()));
      text = DigestText.render(digest, cutDevices, cut);
      html = DigestHtml.render(digest, cutDevices, cut);
    }
    return new RenderedMail(subject(digest), text, html);
  }

  static String subject(Digest d) {
    StringBuilder s = new StringBuilder("[patina] ");
    long critical = d.events().stream().filter(e -> e.severity() == StateEvent.Severity.CRITICAL).count();
    List<String> parts = new ArrayList<>();
    if (critical > 0) parts.add(critical + " critical event" + (critical == 1 ? "" : "s"));
    else if (!d.events().isEmpty()) parts.add(d.events().size() + " event" + (d.events().size() == 1 ? "" : "s"));
    for (DeviceStatus st : List.of(DeviceStatus.CHANGED, DeviceStatus.NEW, DeviceStatus.FAILED)) {
      long n = count(d, st);
      if (n > 0) parts.add(n + " " + st.name().toLowerCase(Locale.ROOT));
    }
    if (parts.isEmpty()) parts.add("no changes");
    s.append(String.join(", ", parts));
    Set<String> names = new LinkedHashSet<>();
    d.events().forEach(e -> names.add(e.device()));
    d.devices().stream().filter(r -> r.status() != DeviceStatus.UNCHANGED).forEach(r -> names.add(r.name()));
    if (!names.isEmpty()) {
      List<String> list = new ArrayList<>(names);
      s.append(": ").append(String.join(", ", list.subList(0, Math.min(SUBJECT_NAMES, list.size()))));
      if (list.size() > SUBJECT_NAMES) s.append(", +").append(list.size() - SUBJECT_NAMES).append(" more");
    }
    return s.toString();
  }

  static long count(Digest d, DeviceStatus status) {
    return d.devices().stream().filter(r -> r.status() == status).count();
  }

  static List<String> names(Digest d, DeviceStatus status) {
    return d.devices().stream().filter(r -> r.status() == status).map(DeviceReport::name).toList();
  }

  /** {@code running-config | 3 ++-}, bar scaled to at most 40 signs. */
  static String diffstat(TextDiff c, int nameWidth) {
    int total = c.added() + c.removed();
    int plus = c.added();
    int minus = c.removed();
    if (total > 40) {
      plus = (int) Math.round(40.0 * c.added() / total);
      minus = 40 - plus;
    }
    return String.format(Locale.ROOT, "%-" + nameWidth + "s | %d %s%s", c.path(), total, "+".repeat(plus),
        "-".repeat(minus));
  }

  private static long diffBytes(DeviceReport d) {
    return d.diffs().stream().mapToLong(c -> c.unified().length()).sum();
  }

  private static long bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
