package dev.patina.web;

import dev.patina.diff.Differ;
import dev.patina.diff.TextDiff;
import java.util.ArrayList;
import java.util.List;

/**
 * One artifact's diff as rows a page can lay out unified or side by side: hunks with their
 * section, unchanged context between hunks folded to a count, and a removed line paired with
 * the added line that replaced it so the changed words can be marked.
 */
final class DiffView {
  /** One side's line: its number (0: none) and text. */
  record Side(int number, String text) {}

  /** A row: kind is context, removed, added, changed (left removed, right added) or fold. */
  record Row(String kind, Side left, Side right, int folded) {}

  /** The rows of one artifact's diff and its "+N -M". */
  record Artifact(String artifact, int added, int removed, String unified, List<Row> rows) {}

  private DiffView() {}

  static Artifact of(String device, String artifact, String before, String after, int context) {
    TextDiff d = Differ.diff("devices/" + device + "/" + artifact, before, after, context);
    return new Artifact(artifact, d.added(), d.removed(), d.unified(), rows(d.unified()));
  }

  /** Rows from a unified diff: hunk headers become folds of the lines skipped before them. */
  static List<Row> rows(String unified) {
    List<Row> rows = new ArrayList<>();
    int a = 0;
    int b = 0;
    List<String> minus = new ArrayList<>();
    List<String> plus = new ArrayList<>();
    int[] pos = {0, 0};
    for (String line : unified.split("\n", -1)) {
      if (line.startsWith("--- ") || line.startsWith("+++ ")) continue;
      if (line.startsWith("@@")) {
        flush(rows, minus, plus, pos);
        int[] start = hunkStart(line);
        int skipped = start[0] - 1 - pos[0];
        if (skipped > 0) rows.add(new Row("fold", null, null, skipped));
        pos[0] = start[0] - 1;
        pos[1] = start[1] - 1;
        String section = line.replaceFirst("^@@[^@]*@@ ?", "");
        if (!section.isEmpty()) rows.add(new Row("section", new Side(0, section), new Side(0, section), 0));
        continue;
      }
      if (line.startsWith("-")) {
        minus.add(line.substring(1));
      } else if (line.startsWith("+")) {
        plus.add(line.substring(1));
      } else if (line.startsWith(" ")) {
        flush(rows, minus, plus, pos);
        pos[0]++;
        pos[1]++;
        rows.add(new Row("context", new Side(pos[0], line.substring(1)), new Side(pos[1], line.substring(1)), 0));
      }
    }
    flush(rows, minus, plus, pos);
    a = pos[0];
    b = pos[1];
    return rows;
  }

  private static void flush(List<Row> rows, List<String> minus, List<String> plus, int[] pos) {
    int n = Math.max(minus.size(), plus.size());
    for (int i = 0; i < n; i++) {
      Side l = i < minus.size() ? new Side(++pos[0], minus.get(i)) : null;
      Side r = i < plus.size() ? new Side(++pos[1], plus.get(i)) : null;
      rows.add(new Row(l != null && r != null ? "changed" : l != null ? "removed" : "added", l, r, 0));
    }
    minus.clear();
    plus.clear();
  }

  private static int[] hunkStart(String header) {
    // @@ -A[,n] +B[,m] @@
    String[] p = header.split(" ");
    return new int[] {start(p[1]), start(p[2])};
  }

  private static int start(String range) {
    String r = range.substring(1);
    int comma = r.indexOf(',');
    int s = Integer.parseInt(comma < 0 ? r : r.substring(0, comma));
    int len = comma < 0 ? 1 : Integer.parseInt(r.substring(comma + 1));
    return len == 0 ? s + 1 : s;
  }

  /** One piece of a changed line: text, and whether it differs from the other side. */
  record Piece(String text, boolean changed) {}

  /**
   * The words of {@code mine} marked where they differ from {@code other} (longest common
   * subsequence of words and the spaces between them; long lines are marked whole).
   */
  static List<Piece> words(String mine, String other) {
    List<String> x = tokens(mine);
    List<String> y = tokens(other);
    if ((long) x.size() * y.size() > 40_000) return List.of(new Piece(mine, true));
    int[][] l = new int[x.size() + 1][y.size() + 1];
    for (int i = x.size() - 1; i >= 0; i--) {
      for (int j = y.size() - 1; j >= 0; j--) {
        l[i][j] = x.get(i).equals(y.get(j)) ? l[i + 1][j + 1] + 1 : Math.max(l[i + 1][j], l[i][j + 1]);
      }
    }
    List<Piece> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    StringBuilder run = new StringBuilder();
    boolean runChanged = false;
    while (i < x.size()) {
      boolean same = j < y.size() && x.get(i).equals(y.get(j));
      if (same) {
        if (runChanged && !run.isEmpty()) {
          out.add(new Piece(run.toString(), true));
          run.setLength(0);
        }
        runChanged = false;
        run.append(x.get(i));
        i++;
        j++;
      } else if (j < y.size() && l[i][j + 1] >= l[i + 1][j]) {
        j++;
      } else {
        if (!runChanged && !run.isEmpty()) {
          out.add(new Piece(run.toString(), false));
          run.setLength(0);
        }
        runChanged = true;
        run.append(x.get(i));
        i++;
      }
    }
    if (!run.isEmpty()) out.add(new Piece(run.toString(), runChanged));
    return out;
  }

  private static List<String> tokens(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      int j = i;
      boolean word = Character.isLetterOrDigit(s.charAt(i));
      while (j < s.length() && Character.isLetterOrDigit(s.charAt(j)) == word && (word || j == i)) j++;
      out.add(s.substring(i, j));
      i = j;
    }
    return out;
  }
}
