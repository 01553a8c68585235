package dev.patina.diff;

import java.util.ArrayList;
import java.util.List;

/** Unified diffs of config text, with the enclosing section named in each hunk header. */
public final class Differ {
  private Differ() {}

  /**
   * @param before the old text, or null when the artifact is new
   * @param after the new text, or null when it was removed
   */
  public static TextDiff diff(String path, String before, String after, int context) {
    List<String> a = lines(before);
    List<String> b = lines(after);
    List<LineDiff.Edit> edits = LineDiff.edits(a, b);
    if (edits.isEmpty()) return new TextDiff(path, 0, 0, "");
    StringBuilder out = new StringBuilder();
    out.append("--- ").append(before == null ? "/dev/null" : "a/" + path).append('\n');
    out.append("+++ ").append(after == null ? "/dev/null" : "b/" + path).append('\n');
    int added = 0;
    int removed = 0;
    int i = 0;
    while (i < edits.size()) {
      int j = i;
      while (j + 1 < edits.size() && edits.get(j + 1).aStart() - edits.get(j).aEnd() <= 2 * context) j++;
      LineDiff.Edit first = edits.get(i);
      LineDiff.Edit last = edits.get(j);
      int aFrom = Math.max(0, first.aStart() - context);
      int bFrom = first.bStart() - (first.aStart() - aFrom);
      int aTo = Math.min(a.size(), last.aEnd() + context);
      int bTo = last.bEnd() + (aTo - last.aEnd());
      out.append("@@ -").append(range(aFrom, aTo - aFrom)).append(" +").append(range(bFrom, bTo - bFrom)).append(" @@");
      String section = first.bEnd() > first.bStart() ? Sections.enclosing(b, first.bStart())
          : Sections.enclosing(a, first.aStart());
      if (!section.isEmpty()) out.append(' ').append(section);
      out.append('\n');
      int pa = aFrom;
      for (int k = i; k <= j; k++) {
        LineDiff.Edit e = edits.get(k);
        for (; pa < e.aStart(); pa++) out.append(' ').append(a.get(pa)).append('\n');
        for (int x = e.aStart(); x < e.aEnd(); x++) out.append('-').append(a.get(x)).append('\n');
        for (int y = e.bStart(); y < e.bEnd(); y++) out.append('+').append(b.get(y)).append('\n');
        removed += e.aEnd() - e.aStart();
        added += e.bEnd() - e.bStart();
        pa = e.aEnd();
      }
      for (; pa < aTo; pa++) out.append(' ').append(a.get(pa)).append('\n');
      i = j + 1;
    }
    return new TextDiff(path, added, removed, out.toString());
  }

  private static String range(int start, int length) {
    int first = length == 0 ? start : start + 1;
    return length == 1 ? String.valueOf(first) : first + "," + length;
  }

  static List<String> lines(String text) {
    if (text == null || text.isEmpty()) return List.of();
    List<String> out = new ArrayList<>();
    int from = 0;
    int n = text.length();
    while (from < n) {
      int nl = text.indexOf('\n', from);
      if (nl < 0) {
        out.add(text.substring(from));
        break;
      }
      out.add(text.substring(from, nl));
      from = nl + 1;
    }
    return out;
  }
}
