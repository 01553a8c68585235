package dev.patina.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a line must contain for a pattern to match it: one of a few plain strings (a single
 * literal such as {@code snmp-server community }, or the alternatives of a required group such
 * as {@code (?:password|secret)}). The normaliser tests this with {@link String#contains} and runs
 * the regex only on the few lines that pass, which is most of its speed on a 2,000-line config.
 *
 * <p>Conservative by construction: only characters that stand for themselves count; a part
 * followed by {@code ?}, {@code *} or {@code {}} counts as optional; lookarounds, classes and
 * escapes end a literal; inline flags part-way, or flags other than case-insensitive, give no
 * filter (the regex always runs). Strings shorter than three characters are not worth a test.
 */
final class RequiredLiteral {
  private static final int MIN = 3;
  private static final String META = "\\^$.|?*+()[]{}";

  /** A pattern's filter: the line must contain one of {@code anyOf} (none: always true). */
  static final class Filter {
    private final String[] anyOf;
    private final boolean ignoreCase;

    private Filter(List<String> anyOf, boolean ignoreCase) {
      this.anyOf = anyOf.toArray(String[]::new);
      this.ignoreCase = ignoreCase;
    }

    /**
     * True when the line may match: it contains one of the strings, or there are none. The
     * meaning of a filter, one line and one filter at a time; {@link LineScan} does the same
     * for all the filters of a rule set in one pass (and is tested against this).
     */
    boolean mayMatch(String line) {
      if (anyOf.length == 0) return true;
      String text = ignoreCase ? line.toLowerCase(Locale.ROOT) : line;
      for (String s : anyOf) {
        if (text.contains(s)) return true;
      }
      return false;
    }

    /** A filter given directly: the line must contain one of {@code strings} (lower case when ignoring case). */
    static Filter anyOf(List<String> strings, boolean ignoreCase) {
      return new Filter(strings, ignoreCase);
    }

    List<String> strings() {
      return List.of(anyOf);
    }

    boolean ignoreCase() {
      return ignoreCase;
    }
  }

  private RequiredLiteral() {}

  /** The filter of {@code p}, decided once (the normaliser's rules keep it). */
  static Filter filter(Pattern p) {
    String re = p.pattern();
    boolean ignoreCase = (p.flags() & Pattern.CASE_INSENSITIVE) != 0;
    if (re.startsWith("(?i)")) {
      ignoreCase = true;
      re = re.substring(4);
    }
    // inline flags part-way, \Q..\E quoting, or flags other than CASE_INSENSITIVE: no filter
    if (re.matches("(?s).*\\(\\?[a-zA-Z-]+[):].*") || re.contains("\\Q")
        || (p.flags() & ~Pattern.CASE_INSENSITIVE) != 0) {
      return new Filter(List.of(), false);
    }
    List<String> need = required(re);
    if (ignoreCase) need = need.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    return new Filter(need, ignoreCase);
  }

  /** The strings of {@link #filter}, for tests: empty when the pattern has none. */
  static List<String> of(Pattern p) {
    return filter(p).strings();
  }

  /** True when {@code line} may match {@code p} (one-off use; the normaliser keeps filters). */
  static boolean mayMatch(Pattern p, String line) {
    return filter(p).mayMatch(line);
  }

  /** A regex (or part of one) to the strings one of which every match contains; empty: unknown. */
  private static List<String> required(String re) {
    List<String> alternatives = splitTopLevel(re);
    if (alternatives.size() > 1) {
      List<String> all = new ArrayList<>();
      for (String a : alternatives) {
        List<String> r = required(a);
        if (r.isEmpty()) return List.of();
        all.addAll(r);
      }
      return all;
    }
    List<String> best = List.of();
    StringBuilder run = new StringBuilder();
    for (int i = 0; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\') {
        best = better(best, run);
        i = skipEscape(re, i);
        continue;
      }
      if (c == '[') {
        best = better(best, run);
        i = skipClass(re, i);
        continue;
      }
      if (c == '(') {
        best = better(best, run);
        int close = closing(re, i);
        if (close < 0) return List.of();
        char after = close + 1 < re.length() ? re.charAt(close + 1) : 0;
        String body = groupBody(re.substring(i + 1, close));
        if (body != null && after != '?' && after != '*' && after != '{') best = better(best, required(body));
        i = close;
        continue;
      }
      if (c == '{') { // a count such as {40,}: not text
        best = better(best, run);
        int end = re.indexOf('}', i);
        i = end < 0 ? re.length() : end;
        continue;
      }
      if (META.indexOf(c) >= 0) {
        // an anchor, '.', or a quantifier after a group or class: the run ends
        best = better(best, run);
        continue;
      }
      char next = i + 1 < re.length() ? re.charAt(i + 1) : 0;
      if (next == '?' || next == '*' || next == '{') {
        best = better(best, run); // c itself is optional
        continue;
      }
      run.append(c);
      if (next == '+') best = better(best, run); // c once is required, what follows may repeat it
    }
    return better(best, run);
  }

  /** Keeps the better requirement, then empties {@code run}. */
  private static List<String> better(List<String> best, StringBuilder run) {
    List<String> r = run.length() >= MIN ? List.of(run.toString()) : List.of();
    run.setLength(0);
    return better(best, r);
  }

  /** The requirement whose shortest string is longest (fewer alternatives on a tie). */
  private static List<String> better(List<String> a, List<String> b) {
    if (b.isEmpty() || b.stream().anyMatch(s -> s.length() < MIN)) return a;
    if (a.isEmpty()) return b;
    int ma = a.stream().mapToInt(String::length).min().orElse(0);
    int mb = b.stream().mapToInt(String::length).min().orElse(0);
    if (mb != ma) return mb > ma ? b : a;
    return b.size() < a.size() ? b : a;
  }

  /** The content of a group that must match, or null for lookarounds (which consume nothing). */
  private static String groupBody(String inner) {
    if (!inner.startsWith("?")) return inner;
    if (inner.startsWith("?:") || inner.startsWith("?>")) return inner.substring(2);
    if (inner.startsWith("?<") && inner.length() > 2 && Character.isLetter(inner.charAt(2))) {
      int end = inner.indexOf('>');
      return end < 0 ? null : inner.substring(end + 1);
    }
    return null; // (?=, (?!, (?<=, (?<!
  }

  /** Index of the last character of the escape starting at {@code i}. */
  private static int skipEscape(String re, int i) {
    int j = i + 1;
    if (j >= re.length()) return j;
    char e = re.charAt(j);
    if ((e == 'p' || e == 'P' || e == 'x' || e == 'N') && j + 1 < re.length() && re.charAt(j + 1) == '{') {
      int end = re.indexOf('}', j);
      return end < 0 ? re.length() : end;
    }
    if (e == 'k' && j + 1 < re.length() && re.charAt(j + 1) == '<') {
      int end = re.indexOf('>', j);
      return end < 0 ? re.length() : end;
    }
    if (e == 'p' || e == 'P' || e == 'c') return j + 1; // \pL, \cX
    if (e == 'x') return j + 2;
    if (e == 'u') return j + 4;
    if (e == '0') {
      while (j + 1 < re.length() && Character.isDigit(re.charAt(j + 1))) j++;
      return j;
    }
    if (Character.isDigit(e)) { // back reference: \1, \12
      while (j + 1 < re.length() && Character.isDigit(re.charAt(j + 1))) j++;
    }
    return j;
  }

  /** Index of the ']' closing the class that starts at {@code i} (classes may nest). */
  private static int skipClass(String re, int i) {
    int depth = 0;
    for (int j = i; j < re.length(); j++) {
      char c = re.charAt(j);
      if (c == '\\') {
        j++;
      } else if (c == '[') {
        depth++;
        if (j + 1 < re.length() && re.charAt(j + 1) == ']' && depth == 1 && j == i) j++; // "[]...]": ']' first is literal
        else if (j + 2 < re.length() && re.charAt(j + 1) == '^' && re.charAt(j + 2) == ']' && j == i) j += 2;
      } else if (c == ']') {
        if (--depth == 0) return j;
      }
    }
    return re.length();
  }

  /** Index of the ')' matching the '(' at {@code i}, or -1. */
  private static int closing(String re, int i) {
    int depth = 0;
    for (int j = i; j < re.length(); j++) {
      char c = re.charAt(j);
      if (c == '\\') {
        j = skipEscape(re, j);
      } else if (c == '[') {
        j = skipClass(re, j);
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        if (--depth == 0) return j;
      }
    }
    return -1;
  }

  /** The alternatives of {@code re} at its top level (one element when it has no '|'). */
  private static List<String> splitTopLevel(String re) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int j = 0; j < re.length(); j++) {
      char c = re.charAt(j);
      if (c == '\\') {
        j = skipEscape(re, j);
      } else if (c == '[') {
        j = skipClass(re, j);
      } else if (c == '(') {
        int close = closing(re, j);
        if (close < 0) break; // unbalanced: the pattern would not have compiled
        j = close;
      } else if (c == '|') {
        parts.add(re.substring(start, j));
        start = j + 1;
      }
    }
    parts.add(re.substring(start));
    return parts;
  }
}
