package dev.patina.diff;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The longest run of plain characters a pattern needs in any line it matches, so the
 * normaliser can skip the regex on the lines (most of a config) that lack it. Conservative:
 * only literals outside groups and classes, not followed by a quantifier; a pattern with a
 * top-level {@code |} or inline flags part-way has none and always runs.
 */
final class RequiredLiteral {
  /** A pattern's literal (empty: none) and whether it is compared ignoring case; decided once per pattern. */
  private record Filter(String literal, boolean ignoreCase) {}

  /** A line, and its lower-case form made on first need, once for all the patterns tried on it. */
  static final class Line {
    final String text;
    private String lower;

    Line(String text) {
      this.text = text;
    }

    String lower() {
      if (lower == null) lower = text.toLowerCase(Locale.ROOT);
      return lower;
    }
  }

  private static final Map<Pattern, Filter> CACHE = new ConcurrentHashMap<>();
  private static final String NONE = "";

  private RequiredLiteral() {}

  /** True when the line may match: it contains the pattern's required literal, or it has none. */
  static boolean mayMatch(Pattern p, Line line) {
    Filter f = CACHE.computeIfAbsent(p, q -> new Filter(of(q),
        (q.flags() & Pattern.CASE_INSENSITIVE) != 0 || q.pattern().startsWith("(?i)")));
    if (f.literal().isEmpty()) return true;
    return f.ignoreCase() ? line.lower().contains(f.literal()) : line.text.contains(f.literal());
  }

  static boolean mayMatch(Pattern p, String line) {
    return mayMatch(p, new Line(line));
  }

  static String of(Pattern p) {
    String re = p.pattern();
    boolean ignoreCase = false;
    if (re.startsWith("(?i)")) {
      ignoreCase = true;
      re = re.substring(4);
    }
    // inline flags such as (?i) part-way, or flags other than CASE_INSENSITIVE: no filter
    if (re.matches("(?s).*\\(\\?[a-zA-Z-]+[):].*") || (p.flags() & ~Pattern.CASE_INSENSITIVE) != 0) return NONE;
    String best = "";
    StringBuilder run = new StringBuilder();
    int depth = 0;
    for (int i = 0; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\') {
        run.setLength(0);
        i++;
        continue;
      }
      if (c == '[') {
        run.setLength(0);
        int j = i + 1;
        while (j < re.length() && re.charAt(j) != ']') j += re.charAt(j) == '\\' ? 2 : 1;
        i = j;
        continue;
      }
      if (c == '(') depth++;
      if (c == ')') depth--;
      if (c == '|' && depth == 0) return NONE;
      boolean plain = Character.isLetterOrDigit(c) || c == ' ' || c == '-' || c == '_' || c == ':' || c == '"'
          || c == '=' || c == '/' || c == ',' || c == ';';
      if (!plain || depth > 0) {
        if (c == '?' || c == '*' || c == '{') dropLast(run);
        best = longer(best, run);
        run.setLength(0);
        continue;
      }
      char next = i + 1 < re.length() ? re.charAt(i + 1) : 0;
      if (next == '?' || next == '*' || next == '{') {
        best = longer(best, run);
        run.setLength(0);
        continue;
      }
      if (next == '+') {
        run.append(c);
        best = longer(best, run);
        run.setLength(0);
        continue;
      }
      run.append(c);
    }
    best = longer(best, run);
    if (best.length() < 3) return NONE;
    return ignoreCase ? best.toLowerCase(Locale.ROOT) : best;
  }

  private static void dropLast(StringBuilder run) {
    if (!run.isEmpty()) run.setLength(run.length() - 1);
  }

  private static String longer(String best, StringBuilder run) {
    return run.length() > best.length() ? run.toString() : best;
  }
}
