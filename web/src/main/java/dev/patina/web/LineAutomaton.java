package dev.patina.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A regular expression compiled for "does this line contain a match": parsed from RE2 syntax into a
 * Thompson automaton and run as a DFA built lazily, one state at a time, as lines need it. Each
 * character costs one table look-up once its state is built, and building a state costs at most
 * one pass over the automaton, so a line is always matched in linear time; the DFA keeps at most
 * {@link #MAX_STATES} states and starts its cache afresh when full, so a pattern whose DFA would
 * be exponential stays linear too (only slower).
 *
 * <p>It handles the part of RE2 syntax that config searches use: literals, escapes of punctuation,
 * {@code \t \n \r \f \v \x}, {@code . \d \D \w \W \s \S}, classes with ranges and negation,
 * groups {@code (...)} and {@code (?:...)}, alternation, {@code * + ? {n} {n,} {n,m}} (greedy or
 * lazy: the same lines match), {@code ^} at the start and {@code $} at the end of a top-level
 * alternative, word boundaries {@code \b \B} (ASCII word characters, as RE2's), and
 * case-insensitive matching (asked for, or {@code (?i)} at the start) when every literal and class
 * is ASCII. {@link #compile} answers null for anything else ({@code \pL}, flags,
 * {@code [[:alpha:]]}, anchors elsewhere, ...) and the search uses RE2/J for it. Lines with
 * characters outside the Basic Multilingual Plane (surrogate pairs) are left to RE2/J too, which
 * counts in code points.
 */
final class LineAutomaton {
  static final int MAX_STATES = 4096;
  private static final int MAX_NODES = 20_000;

  // ---- the pattern's syntax tree ----
  private sealed interface Node permits Chars, Cat, Alt, Rep, Bol, Eol, Boundary {}

  private record Chars(int[] ranges) implements Node {}

  private record Cat(List<Node> items) implements Node {}

  private record Alt(List<Node> items) implements Node {}

  private record Rep(Node item, int min, int max) implements Node {}

  private record Bol() implements Node {}

  private record Eol() implements Node {}

  /** {@code \b} (a word boundary, ASCII word characters as in RE2) or {@code \B} (not one). */
  private record Boundary(boolean boundary) implements Node {}

  private static final class Unsupported extends RuntimeException {
    Unsupported() {
      super(null, null, false, false);
    }
  }

  private static final int[] ANY = {0, 0xFFFF};
  private static final int[] DIGIT = {'0', '9'};
  private static final int[] WORD = {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'};
  private static final int[] SPACE = {'\t', '\n', '\f', '\r', ' ', ' '};

  // ---- the Thompson automaton ----
  private static final int SET = 0;
  private static final int SPLIT = 1;
  private static final int MATCH = 2; // a match anywhere: the line matches
  private static final int MATCH_AT_END = 3; // the line matches if this is reached at its end
  private static final int WORD_BOUNDARY = 4; // \b (out2 0) or \B (out2 1), decided by the characters around
  private static final int UNKNOWN = 2;

  private final int[] type;
  private final int[] out1;
  private final int[] out2;
  private final int[][] sets;
  private final int startNode;

  // ---- the lazy DFA ----
  private final char[] classOf = new char[0x10000];
  private final int classes;
  private final int maxStates; // MAX_STATES, fewer when there are many character classes (table of at most 4M entries)
  private final char[] representative;
  private final Map<Key, Integer> stateIds = new HashMap<>();
  private final List<int[]> stateSets = new ArrayList<>();
  private int[] trans = new int[0];
  private byte[] flags = new byte[0];
  private int start;
  private static final byte ACCEPT_NOW = 1;
  private static final byte ACCEPT_AT_END = 2;
  private static final byte DEAD = 4;

  private final int[] mark;
  private int generation;
  private final int[] stack;

  private LineAutomaton(List<int[]> nodes, List<int[]> setList, int startNode) {
    int n = nodes.size();
    type = new int[n];
    out1 = new int[n];
    out2 = new int[n];
    sets = new int[n][];
    for (int i = 0; i < n; i++) {
      type[i] = nodes.get(i)[0];
      out1[i] = nodes.get(i)[1];
      out2[i] = nodes.get(i)[2];
      sets[i] = setList.get(i);
    }
    this.startNode = startNode;
    mark = new int[n];
    stack = new int[n + 1];
    java.util.TreeSet<Integer> cuts = new java.util.TreeSet<>();
    cuts.add(0);
    for (int k = 0; k < WORD.length; k += 2) { // each class is all word characters or none, for \b
      cuts.add(WORD[k]);
      cuts.add(WORD[k + 1] + 1);
    }
    for (int[] s : sets) {
      if (s == null) continue;
      for (int i = 0; i < s.length; i += 2) {
        cuts.add(s[i]);
        if (s[i + 1] + 1 <= 0xFFFF) cuts.add(s[i + 1] + 1);
      }
    }
    Integer[] c = cuts.toArray(new Integer[0]);
    classes = c.length;
    representative = new char[classes];
    for (int k = 0; k < classes; k++) {
      int from = c[k];
      int to = k + 1 < classes ? c[k + 1] : 0x10000;
      representative[k] = (char) from;
      Arrays.fill(classOf, from, to, (char) k);
    }
    maxStates = Math.max(16, Math.min(MAX_STATES, (1 << 22) / classes));
    resetCache();
  }

  /** The automaton for a regular expression, or null when it uses syntax this class leaves to RE2/J. */
  static LineAutomaton compile(String regex, boolean ignoreCase) {
    try {
      boolean fold = ignoreCase || regex.startsWith("(?i)");
      Node tree = new Parser(regex.startsWith("(?i)") ? regex.substring(4) : regex, fold).parseWhole();
      return build(tree);
    } catch (Unsupported e) {
      return null;
    }
  }

  /** The automaton for plain text (matched case-insensitively or not), or null as for {@link #compile}. */
  static LineAutomaton literal(String text, boolean ignoreCase) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80 && !Character.isLetterOrDigit(c) && c != ' ') b.append('\\');
      b.append(c);
    }
    return compile(b.toString(), ignoreCase);
  }

  /** Whether the line {@code text[from, to)} (no newline in it) contains a match. */
  boolean matches(String text, int from, int to) {
    int st = start;
    byte f = flags[st];
    if ((f & ACCEPT_NOW) != 0) return true;
    if ((f & DEAD) != 0) return false;
    int k = classes;
    for (int i = from; i < to; i++) {
      int next = trans[st * k + classOf[text.charAt(i)]];
      if (next < 0) next = step(st, classOf[text.charAt(i)]);
      st = next;
      f = flags[st];
      if (f != 0) {
        if ((f & ACCEPT_NOW) != 0) return true;
        if ((f & DEAD) != 0) return false;
      }
    }
    return (flags[st] & (ACCEPT_AT_END | ACCEPT_NOW)) != 0;
  }

  /** Whether the text has a character that needs a surrogate pair (left to RE2/J). */
  static boolean hasSurrogates(String text) {
    for (int i = 0; i < text.length(); i++) if (Character.isSurrogate(text.charAt(i))) return true;
    return false;
  }

  // ---- the lazy DFA ----

  private void resetCache() {
    stateIds.clear();
    stateSets.clear();
    trans = new int[64 * classes];
    flags = new byte[64];
    start = stateFor(0, closure(new int[] {startNode}, 0, UNKNOWN));
  }

  private static boolean isWord(int c) {
    return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_';
  }

  private int step(int state, int cls) {
    int[] from = stateSets.get(state);
    char c = representative[cls];
    int word = isWord(c) ? 1 : 0;
    // the word-boundary assertions waiting in the state are decided now that the next character is known
    int[] here = closure(Arrays.copyOfRange(from, 1, from.length), from[0], word);
    int[] moved = new int[here.length];
    int m = 0;
    for (int s : here) {
      if (type[s] == SET && contains(sets[s], c)) moved[m++] = out1[s];
      else if (type[s] == MATCH) moved[m++] = s; // a match found stays found
    }
    int[] next = closure(Arrays.copyOf(moved, m), word, UNKNOWN);
    int[] key = new int[next.length + 1];
    key[0] = word;
    System.arraycopy(next, 0, key, 1, next.length);
    if (stateIds.size() >= maxStates && !stateIds.containsKey(new Key(key))) {
      resetCache(); // the old state numbers are gone; the caller only keeps the one returned
      return stateFor(key);
    }
    int id = stateFor(key);
    trans[state * classes + cls] = id;
    return id;
  }

  private int stateFor(int previousIsWord, int[] nodes) {
    int[] key = new int[nodes.length + 1];
    key[0] = previousIsWord;
    System.arraycopy(nodes, 0, key, 1, nodes.length);
    return stateFor(key);
  }

  /** The state for {@code key}: whether the character before is a word character, then the nodes. */
  private int stateFor(int[] key) {
    Key k = new Key(key);
    Integer id = stateIds.get(k);
    if (id != null) return id;
    int n = stateSets.size();
    if (n >= flags.length) {
      flags = Arrays.copyOf(flags, n * 2);
      int old = trans.length;
      trans = Arrays.copyOf(trans, n * 2 * classes);
      Arrays.fill(trans, old, trans.length, -1);
    }
    if (n == 0) Arrays.fill(trans, -1);
    byte f = 0;
    int[] nodes = Arrays.copyOfRange(key, 1, key.length);
    for (int s : nodes) if (type[s] == MATCH) f |= ACCEPT_NOW;
    for (int s : closure(nodes, key[0], 0)) { // at the end of the line: what follows is not a word character
      if (type[s] == MATCH || type[s] == MATCH_AT_END) f |= ACCEPT_AT_END;
    }
    if (nodes.length == 0) f = DEAD;
    flags[n] = f;
    stateSets.add(key);
    stateIds.put(k, n);
    return n;
  }

  /**
   * The SET, MATCH and (with {@code next} unknown) word-boundary nodes reachable through SPLITs and
   * the word-boundary assertions that hold between {@code previous} and {@code next}, sorted.
   */
  private int[] closure(int[] from, int previous, int next) {
    generation++;
    int sp = 0;
    int[] out = new int[type.length];
    int m = 0;
    for (int s : from) {
      if (mark[s] != generation) {
        mark[s] = generation;
        stack[sp++] = s;
      }
      while (sp > 0) {
        int x = stack[--sp];
        if (type[x] == SPLIT) {
          if (mark[out2[x]] != generation) {
            mark[out2[x]] = generation;
            stack[sp++] = out2[x];
          }
          if (mark[out1[x]] != generation) {
            mark[out1[x]] = generation;
            stack[sp++] = out1[x];
          }
        } else if (type[x] == WORD_BOUNDARY && next != UNKNOWN) {
          boolean boundary = previous != next;
          if (boundary == (out2[x] == 0) && mark[out1[x]] != generation) {
            mark[out1[x]] = generation;
            stack[sp++] = out1[x];
          }
        } else {
          out[m++] = x;
        }
      }
    }
    int[] r = Arrays.copyOf(out, m);
    Arrays.sort(r);
    return r;
  }

  private static boolean contains(int[] ranges, int c) {
    for (int i = 0; i < ranges.length; i += 2) if (c >= ranges[i] && c <= ranges[i + 1]) return true;
    return false;
  }

  private record Key(int[] set) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(set, k.set);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(set);
    }
  }

  // ---- from syntax tree to automaton ----

  private static LineAutomaton build(Node tree) {
    List<int[]> nodes = new ArrayList<>();
    List<int[]> setList = new ArrayList<>();
    List<Node> branches = tree instanceof Alt a ? a.items() : List.of(tree);
    List<Integer> starts = new ArrayList<>();
    for (Node branch : branches) {
      List<Node> items = new ArrayList<>(branch instanceof Cat c ? c.items() : List.of(branch));
      boolean atStart = false;
      boolean atEnd = false;
      while (!items.isEmpty() && items.get(0) instanceof Bol) {
        items.remove(0);
        atStart = true;
      }
      while (!items.isEmpty() && items.get(items.size() - 1) instanceof Eol) {
        items.remove(items.size() - 1);
        atEnd = true;
      }
      int next = add(nodes, setList, atEnd ? MATCH_AT_END : MATCH, -1, -1, null);
      for (int i = items.size() - 1; i >= 0; i--) next = emit(items.get(i), next, nodes, setList);
      if (!atStart) { // any text before the match: a loop over every character
        int loop = add(nodes, setList, SPLIT, -1, next, null);
        int any = add(nodes, setList, SET, loop, -1, ANY);
        nodes.get(loop)[1] = any;
        next = loop;
      }
      starts.add(next);
    }
    int start = starts.get(starts.size() - 1);
    for (int i = starts.size() - 2; i >= 0; i--) start = add(nodes, setList, SPLIT, starts.get(i), start, null);
    return new LineAutomaton(nodes, setList, start);
  }

  private static int add(List<int[]> nodes, List<int[]> setList, int type, int o1, int o2, int[] set) {
    if (nodes.size() >= MAX_NODES) throw new Unsupported();
    nodes.add(new int[] {type, o1, o2});
    setList.add(set);
    return nodes.size() - 1;
  }

  /** Emits {@code node} followed by {@code next}; answers where it starts. */
  private static int emit(Node node, int next, List<int[]> nodes, List<int[]> setList) {
    switch (node) {
      case Chars c -> {
        return add(nodes, setList, SET, next, -1, c.ranges());
      }
      case Cat c -> {
        for (int i = c.items().size() - 1; i >= 0; i--) next = emit(c.items().get(i), next, nodes, setList);
        return next;
      }
      case Alt a -> {
        int s = emit(a.items().get(a.items().size() - 1), next, nodes, setList);
        for (int i = a.items().size() - 2; i >= 0; i--) {
          s = add(nodes, setList, SPLIT, emit(a.items().get(i), next, nodes, setList), s, null);
        }
        return s;
      }
      case Rep r -> {
        int tail = next;
        if (r.max() < 0) {
          int loop = add(nodes, setList, SPLIT, -1, next, null);
          nodes.get(loop)[1] = emit(r.item(), loop, nodes, setList);
          tail = loop;
        } else {
          for (int i = 0; i < r.max() - r.min(); i++) {
            tail = add(nodes, setList, SPLIT, emit(r.item(), tail, nodes, setList), next, null);
          }
        }
        for (int i = 0; i < r.min(); i++) tail = emit(r.item(), tail, nodes, setList);
        return tail;
      }
      case Boundary b -> {
        return add(nodes, setList, WORD_BOUNDARY, next, b.boundary() ? 0 : 1, null);
      }
      case Bol b -> throw new Unsupported();
      case Eol e -> throw new Unsupported();
    }
  }

  // ---- the parser (the pattern is already known to be valid RE2 syntax) ----

  private static final class Parser {
    private final String s;
    private final boolean fold;
    private int i;

    Parser(String s, boolean fold) {
      this.s = s;
      this.fold = fold;
    }

    Node parseWhole() {
      Node n = alt();
      if (i != s.length()) throw new Unsupported();
      return n;
    }

    private Node alt() {
      List<Node> items = new ArrayList<>();
      items.add(cat());
      while (i < s.length() && s.charAt(i) == '|') {
        i++;
        items.add(cat());
      }
      return items.size() == 1 ? items.get(0) : new Alt(items);
    }

    private Node cat() {
      List<Node> items = new ArrayList<>();
      while (i < s.length() && s.charAt(i) != '|' && s.charAt(i) != ')') items.add(repeat());
      return items.size() == 1 ? items.get(0) : new Cat(items);
    }

    private Node repeat() {
      Node atom = atom();
      boolean quantified = false;
      while (i < s.length()) {
        char c = s.charAt(i);
        int min;
        int max;
        if (c == '*') {
          min = 0;
          max = -1;
          i++;
        } else if (c == '+') {
          min = 1;
          max = -1;
          i++;
        } else if (c == '?') {
          min = 0;
          max = 1;
          i++;
        } else if (c == '{' && s.substring(i).matches("(?s)\\{[0-9]+(,[0-9]*)?\\}.*")) {
          int close = s.indexOf('}', i);
          String[] parts = s.substring(i + 1, close).split(",", -1);
          min = Integer.parseInt(parts[0]);
          max = parts.length == 1 ? min : parts[1].isEmpty() ? -1 : Integer.parseInt(parts[1]);
          i = close + 1;
        } else {
          break;
        }
        if (quantified || atom instanceof Bol || atom instanceof Eol || atom instanceof Boundary) throw new Unsupported();
        quantified = true;
        if (i < s.length() && s.charAt(i) == '?') i++; // lazy: the same lines match
        atom = new Rep(atom, min, max);
      }
      return atom;
    }

    private Node atom() {
      char c = s.charAt(i++);
      switch (c) {
        case '(' -> {
          if (s.startsWith("?:", i)) i += 2;
          else if (i < s.length() && s.charAt(i) == '?') throw new Unsupported();
          Node inner = alt();
          if (i >= s.length() || s.charAt(i) != ')') throw new Unsupported();
          i++;
          return inner;
        }
        case '.' -> {
          return new Chars(new int[] {0, '\n' - 1, '\n' + 1, 0xFFFF});
        }
        case '^' -> {
          return new Bol();
        }
        case '$' -> {
          return new Eol();
        }
        case '[' -> {
          return new Chars(charClass());
        }
        case '\\' -> {
          if (i < s.length() && (s.charAt(i) == 'b' || s.charAt(i) == 'B')) return new Boundary(s.charAt(i++) == 'b');
          int[] set = escape(false);
          return new Chars(set);
        }
        default -> {
          if (Character.isSurrogate(c)) throw new Unsupported();
          return new Chars(folded(new int[] {c, c}));
        }
      }
    }

    /** An escape after the backslash: a set of characters, folded when matching ignores case. */
    private int[] escape(boolean inClass) {
      if (i >= s.length()) throw new Unsupported();
      char c = s.charAt(i++);
      switch (c) {
        case 'd' -> {
          return folded(DIGIT);
        }
        case 'w' -> {
          return folded(WORD);
        }
        case 's' -> {
          return folded(SPACE);
        }
        case 'D', 'W', 'S' -> {
          if (fold || inClass) throw new Unsupported();
          return negate(c == 'D' ? DIGIT : c == 'W' ? WORD : SPACE);
        }
        case 't' -> {
          return new int[] {'\t', '\t'};
        }
        case 'n' -> {
          return new int[] {'\n', '\n'};
        }
        case 'r' -> {
          return new int[] {'\r', '\r'};
        }
        case 'f' -> {
          return new int[] {'\f', '\f'};
        }
        case 'v' -> {
          return new int[] {0x0B, 0x0B};
        }
        case 'a' -> {
          return new int[] {0x07, 0x07};
        }
        case 'x' -> {
          int v;
          if (i < s.length() && s.charAt(i) == '{') {
            int close = s.indexOf('}', i);
            if (close < 0) throw new Unsupported();
            v = Integer.parseInt(s.substring(i + 1, close), 16);
            i = close + 1;
          } else {
            v = Integer.parseInt(s.substring(i, i + 2), 16);
            i += 2;
          }
          if (v > 0xFFFF || (v >= 0xD800 && v <= 0xDFFF)) throw new Unsupported();
          return folded(new int[] {v, v});
        }
        default -> {
          if (c < 0x80 && !Character.isLetterOrDigit(c)) return folded(new int[] {c, c});
          throw new Unsupported(); // \b in a class, \A \z \pL \Q \C octal ...
        }
      }
    }

    private int[] charClass() {
      boolean negated = i < s.length() && s.charAt(i) == '^';
      if (negated) i++;
      List<int[]> parts = new ArrayList<>();
      boolean first = true;
      while (true) {
        if (i >= s.length()) throw new Unsupported();
        char c = s.charAt(i);
        if (c == ']' && !first) {
          i++;
          break;
        }
        first = false;
        if (c == '[' && i + 1 < s.length() && s.charAt(i + 1) == ':') throw new Unsupported();
        int lo;
        if (c == '\\') {
          i++;
          int[] e = escape(true);
          if (e.length != 2 || e[0] != e[1] || "dws".indexOf(s.charAt(i - 1)) >= 0) {
            if (i + 1 < s.length() && s.charAt(i) == '-' && s.charAt(i + 1) != ']') throw new Unsupported();
            parts.add(e);
            continue;
          }
          lo = s.charAt(i - 1) == 'x' ? e[0] : escapedChar(e);
        } else {
          if (Character.isSurrogate(c)) throw new Unsupported();
          lo = c;
          i++;
        }
        int hi = lo;
        if (i + 1 < s.length() && s.charAt(i) == '-' && s.charAt(i + 1) != ']') {
          i++;
          char h = s.charAt(i);
          if (h == '\\') {
            i++;
            int[] e = escape(true);
            if (e.length != 2 || e[0] != e[1]) throw new Unsupported();
            hi = s.charAt(i - 1) == 'x' ? e[0] : escapedChar(e);
          } else {
            if (Character.isSurrogate(h)) throw new Unsupported();
            hi = h;
            i++;
          }
        }
        if (hi < lo) throw new Unsupported();
        parts.add(folded(new int[] {lo, hi}));
      }
      int[] set = union(parts);
      return negated ? negate(set) : set;
    }

    /** The character of a single-character escape, before folding (folding happens on the range). */
    private int escapedChar(int[] e) {
      char c = s.charAt(i - 1);
      return switch (c) {
        case 't' -> '\t';
        case 'n' -> '\n';
        case 'r' -> '\r';
        case 'f' -> '\f';
        case 'v' -> 0x0B;
        case 'a' -> 0x07;
        default -> c;
      };
    }

    /** With case ignored: the set with every ASCII letter's other case (and K's Kelvin sign, s's long s). */
    private int[] folded(int[] set) {
      if (!fold) return set;
      List<int[]> parts = new ArrayList<>();
      parts.add(set);
      for (int k = 0; k < set.length; k += 2) {
        if (set[k + 1] >= 0x80) {
          if (set[k] == 0 && set[k + 1] == 0xFFFF) continue;
          throw new Unsupported(); // Unicode case folding is left to RE2/J
        }
        for (int c = set[k]; c <= set[k + 1]; c++) {
          if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
            int o = c ^ 0x20;
            parts.add(new int[] {o, o});
            if (c == 'k' || c == 'K') parts.add(new int[] {0x212A, 0x212A});
            if (c == 's' || c == 'S') parts.add(new int[] {0x17F, 0x17F});
          }
        }
      }
      return union(parts);
    }
  }

  private static int[] union(List<int[]> parts) {
    List<int[]> ranges = new ArrayList<>();
    for (int[] p : parts) for (int k = 0; k < p.length; k += 2) ranges.add(new int[] {p[k], p[k + 1]});
    ranges.sort((a, b) -> Integer.compare(a[0], b[0]));
    List<int[]> merged = new ArrayList<>();
    for (int[] r : ranges) {
      if (!merged.isEmpty() && r[0] <= merged.get(merged.size() - 1)[1] + 1) {
        int[] last = merged.get(merged.size() - 1);
        last[1] = Math.max(last[1], r[1]);
      } else {
        merged.add(new int[] {r[0], r[1]});
      }
    }
    int[] out = new int[merged.size() * 2];
    for (int k = 0; k < merged.size(); k++) {
      out[2 * k] = merged.get(k)[0];
      out[2 * k + 1] = merged.get(k)[1];
    }
    return out;
  }

  private static int[] negate(int[] set) {
    List<Integer> out = new ArrayList<>();
    int next = 0;
    for (int k = 0; k < set.length; k += 2) {
      if (set[k] > next) {
        out.add(next);
        out.add(set[k] - 1);
      }
      next = set[k + 1] + 1;
    }
    if (next <= 0xFFFF) {
      out.add(next);
      out.add(0xFFFF);
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }
}
