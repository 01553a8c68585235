package dev.patina.notify;

import dev.patina.diff.TextDiff;
import dev.patina.diff.state.StateEvent;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The HTML alternative of a digest: a summary table and coloured diffs; device text is escaped. */
final class DigestHtml {
  private DigestHtml() {}

  static String render(Digest d, Set<String> cutDevices, List<String> cut) {
    StringBuilder s = new StringBuilder(4096);
    s.append("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">\n");
    s.append("<p>Patina run on ").append(esc(d.host())).append(" at ").append(DigestRenderer.TIME.format(d.started()))
        .append(String.format(Locale.ROOT, " (%.1f s)", d.took().toMillis() / 1000.0));
    if (d.commitId() != null) s.append(", commit <code>").append(esc(d.commitId())).append("</code>");
    s.append("</p>\n<table style=\"border-collapse:collapse\">\n");
    for (DeviceStatus st : DeviceStatus.values()) {
      long n = DigestRenderer.count(d, st);
      if (n == 0) continue;
      s.append("<tr><td style=\"padding-right:1em\">").append(st.name().toLowerCase(Locale.ROOT))
          .append("</td><td style=\"text-align:right;padding-right:1em\">").append(n).append("</td><td>");
      if (st != DeviceStatus.UNCHANGED) s.append(esc(String.join(", ", DigestRenderer.names(d, st))));
      s.append("</td></tr>\n");
    }
    s.append("</table>\n");
    if (!d.events().isEmpty()) {
      s.append("<h3>Events</h3><ul>\n");
      d.events().stream().sorted(DigestText.BY_SEVERITY).forEach(e -> s.append("<li><b style=\"color:")
          .append(color(e.severity()))
          .append("\">").append(e.severity()).append("</b> ").append(esc(e.message())).append("</li>\n"));
      s.append("</ul>\n");
    }
    if (!d.warnings().isEmpty()) {
      s.append("<h3>Warnings</h3><ul>\n");
      d.warnings().forEach(w -> s.append("<li>").append(esc(w)).append("</li>\n"));
      s.append("</ul>\n");
    }
    List<DeviceReport> failed = d.devices().stream().filter(r -> r.status() == DeviceStatus.FAILED).toList();
    if (!failed.isEmpty()) {
      s.append("<h3>Failed (the previous version stays in git)</h3><ul>\n");
      failed.forEach(f -> s.append("<li><b>").append(esc(f.name())).append("</b>: ").append(esc(f.failure()))
          .append("</li>\n"));
      s.append("</ul>\n");
    }
    for (DeviceReport r : d.devices()) {
      if (r.diffs().isEmpty()) continue;
      s.append("<h3>").append(r.status() == DeviceStatus.NEW ? "New " : "Changed ").append(esc(r.name()))
          .append("</h3>\n<pre style=\"font-size:90%\">");
      int width = r.diffs().stream().mapToInt(c -> c.path().length()).max().orElse(10);
      r.diffs().forEach(c -> s.append(esc(DigestRenderer.diffstat(c, width))).append('\n'));
      s.append("</pre>\n");
      if (cutDevices.contains(r.name())) {
        s.append("<p><i>Diff cut to keep this mail small: run <code>patina diff ").append(esc(r.name()))
            .append("</code></i></p>\n");
        continue;
      }
      s.append("<pre style=\"font-size:90%;background:#f8f8f8;padding:0.5em\">");
      for (TextDiff c : r.diffs()) diff(s, c.unified());
      s.append("</pre>\n");
    }
    if (!cut.isEmpty()) {
      s.append("<h3>Cut from this mail (size limit)</h3><ul>\n");
      cut.forEach(c -> s.append("<li>").append(esc(c)).append("</li>\n"));
      s.append("</ul>\n");
    }
    s.append("</body></html>\n");
    return s.toString();
  }

  private static String color(StateEvent.Severity severity) {
    return switch (severity) {
      case CRITICAL -> "#b00";
      case WARNING -> "#a60";
      case INFO -> "#444";
    };
  }

  private static void diff(StringBuilder s, String unified) {
    for (String line : unified.split("\n")) {
      String style = line.startsWith("+++") || line.startsWith("---") ? "font-weight:bold"
          : line.startsWith("+") ? "color:#060;background:#e6ffe6"
          : line.startsWith("-") ? "color:#900;background:#ffe6e6"
          : line.startsWith("@@") ? "color:#666" : null;
      if (style == null) s.append(esc(line)).append('\n');
      else s.append("<span style=\"").append(style).append("\">").append(esc(line)).append("</span>\n");
    }
  }

  static String esc(String s) {
    if (s == null) return "";
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
