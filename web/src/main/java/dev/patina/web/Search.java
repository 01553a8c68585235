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
    LineAutomaton dfa = plain ? null : q.regex() ? LineAutomaton.compile(q.text(), q.ignoreCase())
        : LineAutomaton.literal(q.text(), true);
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
          if (plain ? text.contains(q.text()) : !matchingLines(text, p, dfa, required, 1).isEmpty()) {
            any = true;
            break;
          }
          continue;
        }
        List<int[]> found = plain ? matchingLines(text, p, q.text(), q.maxLines() - lines)
            : matchingLines(text, p, dfa, required, q.maxLines() - lines);
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

  /**
   * Lines holding {@code literal} (a plain {@code indexOf}) as {number, startOffset, endOffset}, at
   * most {@code max}; with {@code literal} null, the lines where {@code p} matches.
   */
  static List<int[]> matchingLines(String text, Pattern p, String literal, int max) {
    if (literal == null) return matchingLines(text, p, null, null, max);
    List<int[]> out = new ArrayList<>();
    int line = 1;
    int counted = 0; // offset up to which newlines are counted into `line`
    int from = 0;
    while (from <= text.length() && out.size() < max) {
      int at = text.indexOf(literal, from);
      if (at < 0) break;
      for (int i = counted; i < at; i++) if (text.charAt(i) == '\n') line++;
      int ls = text.lastIndexOf('\n', at - 1) + 1;
      int le = text.indexOf('\n', at);
      if (le < 0) le = text.length();
      out.add(new int[] {line, ls, le});
      counted = at;
      from = le + 1;
    }
    return out;
  }

  /**
   * The lines where the regex matches, each line on its own (a match never spans a newline), at
   * most {@code max}. With {@code required} (text every match contains) only the lines holding it
   * are tried; the line automaton {@code dfa} when given (and the text has no surrogate pairs),
   * else RE2/J, decides each line: both answer the same.
   */
  static List<int[]> matchingLines(String text, Pattern p, LineAutomaton dfa, String required, int max) {
    if (dfa != null && LineAutomaton.hasSurrogates(text)) dfa = null;
    List<int[]> out = new ArrayList<>();
    int line = 1;
    int counted = 0;
    int ls = 0;
    while (out.size() < max && ls < text.length()) {
      if (required != null) {
        int at = text.indexOf(required, ls);
        if (at < 0) break;
        int start = text.lastIndexOf('\n', at - 1) + 1;
        for (int i = counted; i < start; i++) if (text.charAt(i) == '\n') line++;
        counted = start;
        ls = start;
      }
      int le = text.indexOf('\n', ls);
      if (le < 0) le = text.length();
      boolean hit = dfa != null ? dfa.matches(text, ls, le) : p.matcher(text.substring(ls, le)).find();
      if (hit) {
        for (int i = counted; i < ls; i++) if (text.charAt(i) == '\n') line++;
        counted = ls;
        out.add(new int[] {line, ls, le});
      }
      ls = le + 1;
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
