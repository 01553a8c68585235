package dev.patina.collector;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Structural checks that only a whole configuration passes, whatever its last line says: a
 * banner or description can hold any line (an "end", a "}", a prompt), but it cannot close the
 * structure that surrounds it. A model lists them under an artifact's {@code structure:}.
 */
public enum Structure {
  /** Curly braces (outside double-quoted strings) never close more than opened and end balanced (Junos). */
  BRACES("braces"),
  /**
   * Every delimited banner is closed: IOS, IOS-XE, NX-OS and Comware {@code banner motd ^C ... ^C}
   * / {@code header motd % ... %}, and Arista's {@code banner login} ... {@code EOF}.
   */
  BANNERS("banners");

  private static final Pattern DELIMITED = Pattern.compile("^\\s*(?:banner|header) [\\w-]+ (\\^C|\\S)(.*)$");
  private static final Pattern EOF_BANNER = Pattern.compile("^\\s*banner [\\w-]+\\s*$");

  private final String key;

  Structure(String key) {
    this.key = key;
  }

  /** The name used in model files. */
  public String key() {
    return key;
  }

  /** The check called {@code key} in a model file, or null. */
  static Structure of(String key) {
    for (Structure s : values()) {
      if (s.key.equals(key)) return s;
    }
    return null;
  }

  /**
   * Why {@code text} is not structurally whole, or null when it is. Walks the text line by line
   * in place: it runs on every configuration of every run, so no list of lines is built.
   */
  String problem(String text) {
    return switch (this) {
      case BRACES -> braces(text);
      case BANNERS -> banners(text);
    };
  }

  private static String braces(String text) {
    int depth = 0;
    int i = 0;
    for (int start = 0, n = text.length(); start < n; i++) {
      int nl = text.indexOf('\n', start);
      String l = text.substring(start, nl < 0 ? n : nl);
      start = nl < 0 ? n : nl + 1;
      boolean quoted = false;
      for (int c = 0; c < l.length(); c++) {
        char ch = l.charAt(c);
        if (ch == '\\' && quoted) {
          c++; // an escaped character inside a string
        } else if (ch == '"') {
          quoted = !quoted;
        } else if (!quoted && ch == '#' && l.substring(0, c).isBlank()) {
          break; // a comment line
        } else if (!quoted && ch == '{') {
          depth++;
        } else if (!quoted && ch == '}') {
          if (--depth < 0) {
            return "line " + (i + 1) + " closes a brace that was never opened";
          }
        }
      }
    }
    return depth == 0 ? null : depth + " brace" + (depth == 1 ? " is" : "s are") + " still open at the last line";
  }

  /**
   * Finds the banner keywords with {@link String#indexOf(String)} (a vectorised search) instead of
   * looking at every line: "banner " and "header " are rare, and this check runs on every
   * configuration of every run. Only the lines of an open banner are walked one by one.
   */
  private static String banners(String text) {
    int n = text.length();
    int banner = text.indexOf("banner ");
    int header = text.indexOf("header ");
    int from = 0;
    while (true) {
      if (banner >= 0 && banner < from) banner = text.indexOf("banner ", from);
      if (header >= 0 && header < from) header = text.indexOf("header ", from);
      int at = banner < 0 ? header : header < 0 ? banner : Math.min(banner, header);
      if (at < 0) return null;
      int lineStart = text.lastIndexOf('\n', at - 1) + 1;
      int nl = text.indexOf('\n', at);
      int next = nl < 0 ? n : nl + 1;
      if (!onlyBlanks(text, lineStart, at)) {
        from = at + 1; // the word inside a line, not its start
        continue;
      }
      int end = nl < 0 ? n : nl;
      if (end > at && text.charAt(end - 1) == '\r') end--;
      String l = text.substring(at, end);
      String open = null;
      Matcher d = DELIMITED.matcher(l);
      if (d.matches()) {
        if (!d.group(2).contains(d.group(1))) open = d.group(1);
      } else if (EOF_BANNER.matcher(l).matches()) {
        open = "EOF";
      }
      from = open == null ? next : closed(text, next, open);
      if (from < 0) {
        int line = 1;
        for (int i = text.indexOf('\n'); i >= 0 && i < lineStart; i = text.indexOf('\n', i + 1)) line++;
        return "the banner opened at line " + line + " is never closed (no " + open + ")";
      }
    }
  }

  /** True when {@code text[from, to)} holds only the characters {@code \s} matches but a newline. */
  private static boolean onlyBlanks(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (" \t\u000B\f\r".indexOf(text.charAt(i)) < 0) return false;
    }
    return true;
  }

  /** Where the line after the one that closes a banner starts (from line {@code start} on), or -1 when none does. */
  private static int closed(String text, int start, String open) {
    int n = text.length();
    for (int s = start; s < n; ) {
      int nl = text.indexOf('\n', s);
      int end = nl < 0 ? n : nl;
      if (end > s && text.charAt(end - 1) == '\r') end--;
      String l = text.substring(s, end);
      int next = nl < 0 ? n : nl + 1;
      if (open.equals("EOF") ? l.strip().equals("EOF") : l.contains(open)) return next;
      s = next;
    }
    return -1;
  }
}
