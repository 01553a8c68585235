package dev.patina.web;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Search across the current configs: a literal or a regular expression matched in time linear
 * in the text (RE2/J: no backtracking, so no pattern can take longer than a pass over the
 * config), matching lines with context, grouped by device; or the devices whose config does
 * NOT contain it. Bounded by a result cap and a time limit, and says when either cut it short.
 */
final class Search {
  /** What to look for. {@code artifact} null: every artifact but state documents. */
  record Query(String text, boolean regex, boolean ignoreCase, boolean invert, int context, int maxLines,
      Duration timeLimit, String artifact) {}

  /** A line of a result: its number, text, and whether it matched (else it is context). */
  record Line(int number, String text, boolean match) {}

  /** One artifact of a device with its matching lines, in groups of adjacent lines. */
  record Hit(String device, String artifact, List<List<Line>> groups, int matches) {}

  /** The answer; {@code without} is filled for an inverted search. */
  record Result(List<Hit> hits, List<String> without, int devicesSearched, int devicesMatched, int matchingLines,
      boolean truncated, boolean timedOut, long tookMillis) {}

  static final int MAX_LINES = 5000;
  static final int MAX_CONTEXT = 10;

  private Search() {}

  /** The compiled pattern, or a message saying what is wrong with it. */
  static Pattern compile(Query q) {
    int flags = Pattern.MULTILINE | (q.ignoreCase() ? Pattern.CASE_INSENSITIVE : 0);
    try {
      return Pattern.compile(q.regex() ? q.text() : Pattern.quote(q.text()), flags);
    } catch (PatternSyntaxException e) {
      throw new Call.HttpError(400, "not a valid regular expression: " + e.getDescription() + " in \"" + q.text()
          + "\" (RE2 syntax: no backreferences or lookaround)");
    }
  }

  static Result run(Query q, Map<String, Map<String, String>> configs) {
    if (q.text() == null || q.text().isEmpty()) throw new Call.HttpError(400, "give something to search for");
    Pattern p = compile(q);
    boolean plain = !q.regex() && !q.ignoreCase();
    String required = q.regex() && !q.ignoreCase() ? RequiredText.of(q.text()) : null;
    long start = System.nanoTime();
    long deadline = start + q.timeLimit().toNanos();
    List<Hit> hits = new ArrayList<>();
    List<String> without = new ArrayList<>();
    int lines = 0;
    int searched = 0;
    int matched = 0;
    boolean truncated = false;
    boolean timedOut = false;
    for (Map.Entry<String, Map<String, String>> d : configs.entrySet()) {
      if (System.nanoTime() > deadline) {
        timedOut = true;
        break;
      }
      if (!q.invert() && lines >= q.maxLines()) {
        truncated = true;
        break;
      }
      searched++;
      boolean any = false;
      for (Map.Entry<String, String> a : new java.util.TreeMap<>(d.getValue()).entrySet()) {
        if (q.artifact() != null && !q.artifact().equals(a.getKey())) continue;
        String text = a.getValue();
        if (q.invert()) {
          if (plain ? text.contains(q.text()) : !matchingLines(text, p, null, required, 1).isEmpty()) {
            any = true;
            break;
          }
          continue;
        }
        List<int[]> found = matchingLines(text, p, plain ? q.text() : null, required, q.maxLines() - lines);
        if (found.isEmpty()) continue;
        any = true;
        lines += found.size();
        hits.add(new Hit(d.getKey(), a.getKey(), groups(text, found, Math.min(q.context(), MAX_CONTEXT)),
            found.size()));
        if (lines >= q.maxLines()) {
          truncated = true;
          break;
        }
      }
      if (any) matched++;
      if (q.invert() && !any) without.add(d.getKey());
    }
    return new Result(hits, without, searched, matched, lines, truncated, timedOut,
        Duration.ofNanos(System.nanoTime() - start).toMillis());
  }

  /** Matching lines as {number, startOffset, endOffset}, at most {@code max}. */
  static List<int[]> matchingLines(String text, Pattern p, String literal, int max) {
    return matchingLines(text, p, literal, null, max);
  }

  /**
   * Matching lines; with {@code required} (text every match contains) only the lines holding it
   * are given to the regex, one line at a time.
   */
  static List<int[]> matchingLines(String text, Pattern p, String literal, String required, int max) {
    if (literal == null && required != null) return prefiltered(text, p, required, max);
    List<int[]> out = new ArrayList<>();
    int line = 1;
    int counted = 0; // offset up to which newlines are counted into `line`
    int from = 0;
    Matcher m = literal == null ? p.matcher(text) : null;
    while (from <= text.length() && out.size() < max) {
      int at;
      if (literal != null) {
        at = text.indexOf(literal, from);
      } else {
        if (!m.find(from)) break;
        at = m.start();
      }
      if (at < 0) break;
      for (int i = counted; i < at; i++) if (text.charAt(i) == '\n') line++;
      int ls = text.lastIndexOf('\n', at - 1) + 1;
      int le = text.indexOf('\n', at);
      if (le < 0) le = text.length();
      if (ls == text.length() && ls == le && ls > 0) break; // the empty "line" after a final newline
      out.add(new int[] {line, ls, le});
      counted = at;
      from = le + 1;
    }
    return out;
  }

  private static List<int[]> prefiltered(String text, Pattern p, String required, int max) {
    List<int[]> out = new ArrayList<>();
    int line = 1;
    int counted = 0;
    int from = 0;
    while (out.size() < max) {
      int at = text.indexOf(required, from);
      if (at < 0) break;
      int ls = text.lastIndexOf('\n', at - 1) + 1;
      int le = text.indexOf('\n', at);
      if (le < 0) le = text.length();
      for (int i = counted; i < ls; i++) if (text.charAt(i) == '\n') line++;
      counted = ls;
      if (p.matcher(text.substring(ls, le)).find()) out.add(new int[] {line, ls, le});
      from = le + 1;
      if (from > text.length()) break;
    }
    return out;
  }

  private static List<List<Line>> groups(String text, List<int[]> found, int context) {
    List<int[]> starts = lineStarts(text);
    List<List<Line>> out = new ArrayList<>();
    List<Line> current = null;
    int lastShown = -1;
    java.util.Set<Integer> matchNumbers = new java.util.HashSet<>();
    for (int[] f : found) matchNumbers.add(f[0]);
    for (int[] f : found) {
      int from = Math.max(1, f[0] - context);
      int to = Math.min(starts.size(), f[0] + context);
      if (current == null || from > lastShown + 1) {
        current = new ArrayList<>();
        out.add(current);
      } else {
        from = lastShown + 1;
      }
      for (int n = from; n <= to; n++) {
        int[] s = starts.get(n - 1);
        current.add(new Line(n, text.substring(s[0], s[1]), matchNumbers.contains(n)));
      }
      lastShown = Math.max(lastShown, to);
    }
    return out;
  }

  private static List<int[]> lineStarts(String text) {
    List<int[]> out = new ArrayList<>();
    int from = 0;
    while (from < text.length()) {
      int nl = text.indexOf('\n', from);
      if (nl < 0) nl = text.length();
      out.add(new int[] {from, nl});
      from = nl + 1;
    }
    return out;
  }
}
