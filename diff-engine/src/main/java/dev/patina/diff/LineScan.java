package dev.patina.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * Which of a set of rules may match a line, found in one pass over the line: each rule's
 * required strings ({@link RequiredLiteral}) are indexed by two adjacent pairs of characters
 * where they are rarest ("sw" and "wo" of "password"; rarity from the letter frequencies of
 * configurations), and the line is looked up one pair in two: every occurrence of a string puts
 * one of its two pairs at a looked-up position. A rare pair rarely starts a comparison, so a
 * 2,000-line config with a hundred literals costs half a short scan per line instead of a
 * hundred substring searches. A two-character string ("$1") has one pair of its own; it is also
 * indexed by every pair that ends in its first character.
 */
final class LineScan {
  /** At most this many rules are filtered; rules beyond it always run. */
  static final int MAX_RULES = 63;
  private static final long ALWAYS_BIT = 1L << 63;

  /**
   * {@code at}: where in {@code text} the pair it is indexed by sits (-1: the pair before it).
   * {@code folded}: the text in lower case when ASCII and compared ignoring case, so that a
   * candidate is checked in place (most candidates fail at their first character); null when
   * {@link String#regionMatches} decides, for text with non-ASCII characters.
   */
  private record Entry(String text, boolean ignoreCase, long bit, int at, char[] folded) {
    Entry(String text, boolean ignoreCase, long bit, int at) {
      this(text, ignoreCase, bit, at, text.chars().allMatch(c -> c < 128)
          ? (ignoreCase ? text.toLowerCase(java.util.Locale.ROOT) : text).toCharArray() : null);
    }

    /** True when the line holds this text at {@code start} (within bounds, checked by the caller). */
    boolean at(String line, int start) {
      if (folded == null) return line.regionMatches(ignoreCase, start, text, 0, text.length());
      for (int j = 0; j < folded.length; j++) {
        char c = line.charAt(start + j);
        char t = folded[j];
        if (c == t) continue;
        if (!ignoreCase) return false;
        if (c >= 128) return line.regionMatches(true, start, text, 0, folded.length); // the Kelvin sign folds to k
        if (c < 'A' || c > 'Z' || c + ('a' - 'A') != t) return false;
      }
      return true;
    }
  }

  /**
   * The entries of each indexed pair, in the order of the pairs' bits (see {@link #slot}): a few
   * hundred arrays, not one slot per possible pair (64 KiB in each of the built-in models' 118
   * rule sets, which every process loads).
   */
  private final Entry[][] byPair;
  /** How many pairs the words of {@link #pairs} before each word index: where its pairs' entries start. */
  private final int[] before = new int[128 * 128 / 64];
  /**
   * The indexed pairs as bits (pair p: bit p), 2 KiB: each looked-up pair of a line is tested
   * here, one branch a pair. The earlier filter, a table of first characters, let 41 % of the
   * fleet benchmark's 2,000-line config through to a second look-up; scanning that config's
   * lines took 177-188 us of CPU with it and 152 us with this bit set looking up every pair;
   * looking up one pair in two, 87-117 us against 183-192 us for every pair (the two measured
   * alternately on a busier machine, 2026-11-27).
   */
  private final long[] pairs = new long[128 * 128 / 64];
  private final Entry[] others; // literals with a non-ASCII character where they would be indexed
  private final long always; // rules without a filter

  LineScan(List<RequiredLiteral.Filter> filters) {
    long always = 0;
    @SuppressWarnings("unchecked")
    List<Entry>[] table = new List[128 * 128]; // by pair
    @SuppressWarnings("unchecked")
    List<Entry>[] byFirst = new List[128]; // two-character strings by their first character
    List<Entry> others = new ArrayList<>();
    for (int r = 0; r < filters.size(); r++) {
      RequiredLiteral.Filter f = filters.get(r);
      if (r >= MAX_RULES || f.strings().isEmpty() || f.strings().stream().anyMatch(s -> s.length() < 2)) {
        always |= r >= MAX_RULES ? ALWAYS_BIT : 1L << r;
        continue;
      }
      boolean ic = f.ignoreCase();
      for (String s : f.strings()) {
        long bit = 1L << r;
        if (s.length() == 2) {
          char c0 = s.charAt(0);
          char c1 = s.charAt(1);
          if (c0 >= 128 || c1 >= 128) {
            others.add(new Entry(s, ic, bit, 0));
            continue;
          }
          index(table, c0, c1, ic, new Entry(s, ic, bit, 0));
          Entry fromPrevious = new Entry(s, ic, bit, -1); // found by the pair that ends in its first character
          for (char c : cases(c0, ic)) {
            if (byFirst[c] == null) byFirst[c] = new ArrayList<>();
            byFirst[c].add(fromPrevious);
          }
          continue;
        }
        int at = rarestPairs(s); // the first of the two pairs, or -1 when none is ASCII
        if (at < 0) {
          others.add(new Entry(s, ic, bit, 0));
          continue;
        }
        index(table, s.charAt(at), s.charAt(at + 1), ic, new Entry(s, ic, bit, at));
        index(table, s.charAt(at + 1), s.charAt(at + 2), ic, new Entry(s, ic, bit, at + 1));
      }
    }
    Entry[][] groups = new Entry[128][];
    for (int c = 0; c < 128; c++) {
      if (byFirst[c] == null) continue;
      groups[c] = byFirst[c].toArray(Entry[]::new);
      for (int x = 0; x < 128; x++) pairs[(x << 7 | c) >>> 6] |= 1L << (x << 7 | c);
    }
    int count = 0;
    for (int w = 0; w < pairs.length; w++) {
      before[w] = count;
      count += Long.bitCount(pairs[w]);
    }
    byPair = new Entry[count][];
    for (int w = 0, slot = 0; w < pairs.length; w++) {
      for (long bits = pairs[w]; bits != 0; bits &= bits - 1, slot++) {
        int pair = w << 6 | Long.numberOfTrailingZeros(bits);
        Entry[] group = groups[pair & 127]; // shared by the 128 pairs ending in that character
        List<Entry> own = table[pair];
        if (own == null) {
          byPair[slot] = group;
        } else {
          if (group != null) own.addAll(List.of(group));
          byPair[slot] = own.toArray(Entry[]::new);
        }
      }
    }
    this.others = others.toArray(Entry[]::new);
    this.always = always;
  }

  /** Where the entries of indexed pair {@code pair} are in {@link #byPair}. */
  private int slot(int pair) {
    return before[pair >>> 6] + Long.bitCount(pairs[pair >>> 6] & ((1L << pair) - 1));
  }

  private void index(List<Entry>[] table, char c0, char c1, boolean ignoreCase, Entry e) {
    for (char a : cases(c0, ignoreCase)) {
      for (char b : cases(c1, ignoreCase)) {
        int pair = a << 7 | b;
        if (table[pair] == null) table[pair] = new ArrayList<>(2);
        table[pair].add(e);
        pairs[pair >>> 6] |= 1L << pair;
      }
    }
  }

  /**
   * Where in {@code s} (at least three characters) the two adjacent ASCII pairs with the least
   * common characters start, or -1 when no three adjacent characters are ASCII.
   */
  static int rarestPairs(String s) {
    int best = -1;
    long bestScore = Long.MAX_VALUE;
    for (int i = 0; i + 2 < s.length(); i++) {
      char a = s.charAt(i);
      char b = s.charAt(i + 1);
      char c = s.charAt(i + 2);
      if ((a | b | c) >= 128) continue;
      long score = (long) weight(a) * weight(b) + (long) weight(b) * weight(c);
      if (score < bestScore) {
        bestScore = score;
        best = i;
      }
    }
    return best;
  }

  /**
   * The ASCII letter a line's character stands for in a look-up: the Kelvin sign and the dotted
   * capital I, whose lower case is k and i, the way {@link RequiredLiteral.Filter} lowers a line;
   * any other non-ASCII character is 0, the character no string is indexed by but in the pairs
   * that end in a two-character string's first character.
   */
  private static char fold(char c) {
    if (c < 128) return c;
    return c == '\u212a' ? 'k' : c == '\u0130' ? 'i' : 0;
  }

  private static final String LETTERS = "etaoinsrclpdumhgvbfwykxjqz";
  private static final int[] LETTER_WEIGHTS = {90, 65, 60, 55, 55, 55, 50, 50, 35, 35, 30, 30, 25, 25, 20, 20, 15, 12, 12,
      10, 10, 8, 5, 2, 2, 1};

  /** How common a character is in configurations, roughly per thousand (English text, plus spaces and digits). */
  private static int weight(char c) {
    int i = LETTERS.indexOf(Character.toLowerCase(c));
    if (i >= 0) return LETTER_WEIGHTS[i];
    if (c == ' ') return 150;
    if (c >= '0' && c <= '9') return 20;
    return c == '-' || c == '.' || c == '/' || c == ':' ? 10 : 5;
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
    for (int i = from; i < last; i += 2) { // one pair in two: see the class comment
      char c = text.charAt(i);
      char d = text.charAt(i + 1);
      if ((c | d) >= 128) {
        c = fold(c);
        d = fold(d);
        if (d == 0) continue; // no indexed pair ends in a non-ASCII character
      }
      int pair = c << 7 | d;
      if ((pairs[pair >>> 6] & 1L << pair) == 0) continue; // nearly every pair: one well-predicted branch
      bits = candidates(byPair[slot(pair)], text, from, to, i, bits);
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

  /** The bits of the entries indexed by the pair at {@code i} whose text is there (kept out of the scan's loop). */
  private static long candidates(Entry[] entries, String text, int from, int to, int i, long bits) {
    for (Entry e : entries) {
      int start = i - e.at;
      if ((bits & e.bit) == 0 && start >= from && start + e.text.length() <= to && e.at(text, start)) {
        bits |= e.bit;
      }
    }
    return bits;
  }
}
