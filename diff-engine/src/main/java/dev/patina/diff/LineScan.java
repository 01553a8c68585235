package dev.patina.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * Which of a set of rules may match a line, found in one pass over the line: each rule's
 * required strings ({@link RequiredLiteral}) are indexed by their first character, and the
 * line's characters are looked up in that table. A 2,000-line config with a dozen rules costs
 * one short scan per line instead of a dozen substring searches.
 */
final class LineScan {
  /** At most this many rules are filtered; rules beyond it always run. */
  static final int MAX_RULES = 63;
  private static final long ALWAYS_BIT = 1L << 63;

  private record Entry(String text, boolean ignoreCase, long bit) {}

  private final Entry[][] byFirst = new Entry[128][];
  private final Entry[] others; // literals starting with a non-ASCII character
  private final long always; // rules without a filter

  LineScan(List<RequiredLiteral.Filter> filters) {
    long always = 0;
    List<List<Entry>> table = new ArrayList<>(128);
    for (int i = 0; i < 128; i++) table.add(new ArrayList<>());
    List<Entry> others = new ArrayList<>();
    for (int r = 0; r < filters.size(); r++) {
      RequiredLiteral.Filter f = filters.get(r);
      if (r >= MAX_RULES || f.strings().isEmpty()) {
        always |= r >= MAX_RULES ? ALWAYS_BIT : 1L << r;
        continue;
      }
      for (String s : f.strings()) {
        Entry e = new Entry(s, f.ignoreCase(), 1L << r);
        char c = s.charAt(0);
        if (c >= 128) {
          others.add(e);
        } else if (f.ignoreCase()) {
          table.get(Character.toLowerCase(c)).add(e);
          if (Character.toUpperCase(c) != Character.toLowerCase(c)) table.get(Character.toUpperCase(c)).add(e);
        } else {
          table.get(c).add(e);
        }
      }
    }
    for (int i = 0; i < 128; i++) {
      if (!table.get(i).isEmpty()) byFirst[i] = table.get(i).toArray(Entry[]::new);
    }
    this.others = others.toArray(Entry[]::new);
    this.always = always;
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
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c >= 128) continue;
      Entry[] candidates = byFirst[c];
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
