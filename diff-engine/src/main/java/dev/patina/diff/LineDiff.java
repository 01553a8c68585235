package dev.patina.diff;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Line-level edit script of two texts, fast on large configs: common prefix and suffix
 * trimmed, then lines unique to both sides anchor the match (patience diff: longest
 * increasing run of anchors), and only the small gaps between anchors go to Myers.
 */
final class LineDiff {
  /** Lines {@code [aStart, aEnd)} of the old text became {@code [bStart, bEnd)} of the new. */
  record Edit(int aStart, int aEnd, int bStart, int bEnd) {}

  private final int[] a;
  private final int[] b;
  private final List<Edit> edits = new ArrayList<>();

  private LineDiff(int[] a, int[] b) {
    this.a = a;
    this.b = b;
  }

  static List<Edit> edits(List<String> before, List<String> after) {
    Map<String, Integer> ids = new HashMap<>(before.size() + after.size());
    int[] a = new int[before.size()];
    int[] b = new int[after.size()];
    for (int i = 0; i < a.length; i++) a[i] = ids.computeIfAbsent(before.get(i), k -> ids.size());
    for (int i = 0; i < b.length; i++) b[i] = ids.computeIfAbsent(after.get(i), k -> ids.size());
    LineDiff d = new LineDiff(a, b);
    d.diff(0, a.length, 0, b.length);
    return d.merged();
  }

  private void diff(int aLo, int aHi, int bLo, int bHi) {
    while (aLo < aHi && bLo < bHi && a[aLo] == b[bLo]) {
      aLo++;
      bLo++;
    }
    while (aLo < aHi && bLo < bHi && a[aHi - 1] == b[bHi - 1]) {
      aHi--;
      bHi--;
    }
    if (aLo == aHi || bLo == bHi) {
      if (aLo != aHi || bLo != bHi) edits.add(new Edit(aLo, aHi, bLo, bHi));
      return;
    }
    int[][] anchors = uniqueAnchors(aLo, aHi, bLo, bHi);
    if (anchors.length == 0) {
      myers(aLo, aHi, bLo, bHi);
      return;
    }
    int pa = aLo;
    int pb = bLo;
    for (int[] anchor : anchors) {
      diff(pa, anchor[0], pb, anchor[1]);
      pa = anchor[0] + 1;
      pb = anchor[1] + 1;
    }
    diff(pa, aHi, pb, bHi);
  }

  /** Pairs (i, j) of lines unique in both ranges, the longest run increasing in both. */
  private int[][] uniqueAnchors(int aLo, int aHi, int bLo, int bHi) {
    Map<Integer, int[]> seen = new HashMap<>();
    for (int i = aLo; i < aHi; i++) {
      int[] s = seen.computeIfAbsent(a[i], k -> new int[] {0, -1, 0, -1});
      s[0]++;
      s[1] = i;
    }
    for (int j = bLo; j < bHi; j++) {
      int[] s = seen.get(b[j]);
      if (s == null) continue;
      s[2]++;
      s[3] = j;
    }
    List<int[]> pairs = new ArrayList<>();
    for (int j = bLo; j < bHi; j++) {
      int[] s = seen.get(b[j]);
      if (s != null && s[0] == 1 && s[2] == 1) pairs.add(new int[] {s[1], j});
    }
    return longestIncreasing(pairs);
  }

  /** Patience sorting over pairs already ordered by j: the longest chain increasing in i. */
  private static int[][] longestIncreasing(List<int[]> pairs) {
    int n = pairs.size();
    if (n == 0) return new int[0][];
    int[] tails = new int[n];
    int[] prev = new int[n];
    int len = 0;
    for (int k = 0; k < n; k++) {
      int i = pairs.get(k)[0];
      int lo = 0;
      int hi = len;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (pairs.get(tails[mid])[0] < i) lo = mid + 1;
        else hi = mid;
      }
      prev[k] = lo > 0 ? tails[lo - 1] : -1;
      tails[lo] = k;
      if (lo == len) len++;
    }
    int[][] out = new int[len][];
    for (int k = tails[len - 1], pos = len - 1; k >= 0; k = prev[k], pos--) out[pos] = pairs.get(k);
    return out;
  }

  private void myers(int aLo, int aHi, int bLo, int bHi) {
    List<Integer> x = Arrays.stream(a, aLo, aHi).boxed().toList();
    List<Integer> y = Arrays.stream(b, bLo, bHi).boxed().toList();
    for (AbstractDelta<Integer> delta : DiffUtils.diff(x, y).getDeltas()) {
      int sa = aLo + delta.getSource().getPosition();
      int sb = bLo + delta.getTarget().getPosition();
      edits.add(new Edit(sa, sa + delta.getSource().size(), sb, sb + delta.getTarget().size()));
    }
  }

  /** Edits in order, touching ones joined. */
  private List<Edit> merged() {
    edits.sort((p, q) -> p.aStart() != q.aStart() ? Integer.compare(p.aStart(), q.aStart())
        : Integer.compare(p.bStart(), q.bStart()));
    List<Edit> out = new ArrayList<>(edits.size());
    for (Edit e : edits) {
      if (!out.isEmpty()) {
        Edit last = out.get(out.size() - 1);
        if (last.aEnd() == e.aStart() && last.bEnd() == e.bStart()) {
          out.set(out.size() - 1, new Edit(last.aStart(), e.aEnd(), last.bStart(), e.bEnd()));
          continue;
        }
      }
      out.add(e);
    }
    return out;
  }
}
