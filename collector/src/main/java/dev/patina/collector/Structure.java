package dev.patina.collector;

import java.util.List;
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

  /** Why {@code lines} is not structurally whole, or null when it is. */
  String problem(List<String> lines) {
    return switch (this) {
      case BRACES -> braces(lines);
      case BANNERS -> banners(lines);
    };
  }

  private static String braces(List<String> lines) {
    int depth = 0;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
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

  private static String banners(List<String> lines) {
    String open = null;
    int openedAt = 0;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (open != null) {
        if (open.equals("EOF") ? l.strip().equals("EOF") : l.contains(open)) {
          open = null;
        }
        continue;
      }
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
