package dev.patina.inventory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One mistake in a configuration file, at a line (1-based; 0 when it concerns the whole file). */
public record Problem(Path file, int line, String message) {
  /** Values shorter than this are left in messages ("not 22"): too short to be a credential or a file. */
  private static final int SCRUB_MIN = 3;

  /**
   * The problems with every value a {@code ${env:}}/{@code ${file:}} reference resolved to
   * replaced by the reference itself: a reference under the wrong key ({@code port:
   * ${file:/etc/shadow}}) is named in the message, its content never printed.
   */
  static List<Problem> scrub(List<Problem> problems, Map<String, String> references) {
    if (references.isEmpty()) return problems;
    List<Map.Entry<String, String>> byLength = new ArrayList<>();
    references.forEach((value, ref) -> {
      byLength.add(Map.entry(value, ref));
      for (String line : value.split("\\R")) {
        if (!line.strip().equals(value)) byLength.add(Map.entry(line.strip(), ref));
      }
    });
    byLength.removeIf(e -> e.getKey().length() < SCRUB_MIN);
    byLength.sort((a, b) -> b.getKey().length() - a.getKey().length());
    List<Problem> out = new ArrayList<>();
    for (Problem p : problems) {
      String m = p.message();
      for (Map.Entry<String, String> e : byLength) m = m.replace(e.getKey(), e.getValue());
      out.add(new Problem(p.file(), p.line(), m));
    }
    return out;
  }

  /** {@code devices.yaml:14: device "core sw1": name may contain only ...} */
  @Override
  public String toString() {
    return file + (line > 0 ? ":" + line : "") + ": " + message;
  }
}
