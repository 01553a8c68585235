package dev.patina.web;

/**
 * The longest plain text every match of a regular expression must contain, found conservatively
 * from the pattern's text: only characters that stand for themselves outside any group or class
 * count, a character made optional by {@code ?}, {@code *} or <code>{</code> is dropped, an escape
 * or {@code .^$} ends a run, and a pattern with {@code |} or inline flags gives none. Search
 * looks for this text first (a plain {@code indexOf}) and runs the regex only on the lines that
 * have it.
 */
final class RequiredText {
  private static final int MIN = 3;

  private RequiredText() {}

  /** The required text, or null when none of at least three characters is known. */
  static String of(String regex) {
    if (regex.indexOf('|') >= 0 || regex.contains("(?")) return null;
    String best = "";
    StringBuilder run = new StringBuilder();
    int depth = 0;
    boolean inClass = false;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (inClass) {
        if (c == '\\') i++;
        else if (c == ']') inClass = false;
        continue;
      }
      if (c == '\\') {
        best = longer(best, run);
        i++;
        continue;
      }
      if (c == '[') {
        best = longer(best, run);
        inClass = true;
        continue;
      }
      if (c == '(') {
        best = longer(best, run);
        depth++;
        continue;
      }
      if (c == ')') {
        depth--;
        continue;
      }
      if (depth > 0) continue;
      if (".^$+".indexOf(c) >= 0) {
        best = longer(best, run);
        continue;
      }
      if ("?*{".indexOf(c) >= 0) {
        if (run.length() > 0) run.setLength(run.length() - 1); // the character before it is optional
        best = longer(best, run);
        if (c == '{') {
          int close = regex.indexOf('}', i);
          if (close < 0) return null;
          i = close;
        }
        continue;
      }
      run.append(c);
    }
    best = longer(best, run);
    return best.length() >= MIN ? best : null;
  }

  private static String longer(String best, StringBuilder run) {
    String r = run.toString();
    run.setLength(0);
    return r.length() > best.length() ? r : best;
  }
}
