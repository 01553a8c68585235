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

  private static String banners(String text) {
    String open = null;
    int openedAt = 0;
    int i = 0;
    for (int start = 0, n = text.length(); start < n; i++) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? n : nl;
      if (end > start && text.charAt(end - 1) == '\r') end--;
      int from = start;
      start = nl < 0 ? n : nl + 1;
      if (open != null) {
        String l = text.substring(from, end);
        if (open.equals("EOF") ? l.strip().equals("EOF") : l.contains(open)) {
          open = null;
        }
        continue;
      }
      while (from < end && " \t\u000B\f\r".indexOf(text.charAt(from)) >= 0) from++; // the characters \s matches
      if (!text.startsWith("banner ", from) && !text.startsWith("header ", from)) {
        continue; // most lines: two comparisons, no regex
      }
      String l = text.substring(from, end);
      Matcher d = DELIMITED.matcher(l);
      if (d.matches()) {
        if (!d.group(2).contains(d.group(1))) {
          open = d.group(1);
          openedAt = i + 1;
        }
      } else if (EOF_BANNER.matcher(l).matches()) {
        open = "EOF";
        openedAt = i + 1;
      }
    }
    return open == null ? null : "the banner opened at line " + openedAt + " is never closed (no " + open + ")";
  }
}
