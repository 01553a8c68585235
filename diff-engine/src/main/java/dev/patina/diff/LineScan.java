package dev.patina.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * Which of a set of rules may match a line, found in one pass over the line: each rule's
 * required strings ({@link RequiredLiteral}) are indexed by their first two characters, and
 * each pair of the line's characters is looked up in that table (a pair such as "pa" or "sn"
 * starts a candidate far less often than a single letter would). A 2,000-line config with a
 * dozen rules costs one short scan per line instead of a dozen substring searches.
 */
final class LineScan {
  /** At most this many rules are filtered; rules beyond it always run. */
  static final int MAX_RULES = 63;
  private static final long ALWAYS_BIT = 1L << 63;

  private record Entry(String text, boolean ignoreCase, long bit) {}

  private final Entry[][] byPair = new Entry[128 * 128][];
  private final Entry[] others; // literals starting with a non-ASCII character
  private final long always; // rules without a filter

  LineScan(List<RequiredLiteral.Filter> filters) {
    long always = 0;
    java.util.Map<Integer, List<Entry>> table = new java.util.HashMap<>();
    List<Entry> others = new ArrayList<>();
    for (int r = 0; r < filters.size(); r++) {
      RequiredLiteral.Filter f = filters.get(r);
      if (r >= MAX_RULES || f.strings().isEmpty()) {
        always |= r >= MAX_RULES ? ALWAYS_BIT : 1L << r;
        continue;
      }
      for (String s : f.strings()) {
        Entry e = new Entry(s, f.ignoreCase(), 1L << r);
        char c0 = s.charAt(0);
        char c1 = s.charAt(1); // required strings have at least three characters
        if (c0 >= 128 || c1 >= 128) {
          others.add(e);
          continue;
        }
        for (char a : cases(c0, f.ignoreCase())) {
          for (char b : cases(c1, f.ignoreCase())) {
            table.computeIfAbsent(a << 7 | b, k -> new ArrayList<>()).add(e);
          }
        }
      }
    }
    table.forEach((pair, entries) -> byPair[pair] = entries.toArray(Entry[]::new));
    this.others = others.toArray(Entry[]::new);
    this.always = always;
  }

  private static char[] cases(char c, boolean ignoreCase) {
    char lower = Character.toLowerCase(c);
    char upper = Character.toUpperCase(c);
    return ignoreCase && lower != upper && upper < 128 ? new char[] {lower, upper} : new char[] {c};
  }

  /** True when rule {@code r} may match a line whose {@link #scan} was {@code bits}. */
  static boolean may(long bits, int r) {
    return (bits & (r >= MAX_RULES ? ALWAYS_BIT : 1L << r)) != 0;
  }

  /** The rules that may match {@code line}, as bits (rule r: bit r; rules beyond 63: bit 63). */
  long scan(String line) {
    return scan(line, 0, line.length());
  }

  /** As {@link #scan(String)} for the line {@code text[from, to)}, without copying it. */
  long scan(String text, int from, int to) {
    long bits = always;
    int last = to - 1;
    for (int i = from; i < last; i++) {
      char c = text.charAt(i);
      char d = text.charAt(i + 1);
      if ((c | d) >= 128) continue;
      Entry[] candidates = byPair[c << 7 | d];
      if (candidates == null) continue;
      for (Entry e : candidates) {
        int len = e.text.length();
        if ((bits & e.bit) == 0 && i + len <= to && text.regionMatches(e.ignoreCase, i, e.text, 0, len)) {
          bits |= e.bit;
        }
      }
    }
    if (others.length > 0) {
      String line = text.substring(from, to);
      for (Entry e : others) {
        if ((bits & e.bit) == 0 && (e.ignoreCase ? line.toLowerCase(java.util.Locale.ROOT) : line).contains(e.text)) {
          bits |= e.bit;
        }
      }
    }
    return bits;
  }
}
