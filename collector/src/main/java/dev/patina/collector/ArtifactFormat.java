package dev.patina.collector;


import java.util.Locale;

/**
 * How an artifact's text is laid out before it is checked and stored (the model key
 * {@code format}): as the device wrote it, JSON pretty-printed, or wrapped lines joined.
 */
public enum ArtifactFormat {
  /** As the device wrote it. */
  AS_IS,
  /**
   * JSON laid out one value per line, two spaces per level, {@code "key": value}, key order and
   * values kept as sent ({@code []} and {@code {}} stay on one line): a device that exports its
   * configuration as one line of JSON (Eaton Network-M3) then shows a change as one line.
   */
  JSON,
  /**
   * Lines ending with a backslash joined with the next one, whose indent is dropped: RouterOS
   * {@code /export} wraps long lines at 80 columns, and a wrap that moves would show as a change.
   */
  JOINED_LINES;

  /** The format named {@code name} in a model ("json", "joined-lines"), or null. */
  static ArtifactFormat named(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "as-is" -> AS_IS;
      case "json" -> JSON;
      case "joined-lines" -> JOINED_LINES;
      default -> null;
    };
  }

  /** {@code text} in this format; a JSON text that ends early is INCOMPLETE. */
  public String apply(String device, String name, String text) throws CollectException {
    return switch (this) {
      case AS_IS -> text;
      case JOINED_LINES -> joined(text);
      case JSON -> json(device, name, text);
    };
  }

  private static String joined(String text) {
    if (text.indexOf('\\') < 0) return text;
    String[] lines = text.replace("\r\n", "\n").split("\n", -1);
    StringBuilder out = new StringBuilder(text.length());
    boolean continued = false;
    for (String line : lines) {
      String l = continued ? line.stripLeading() : line;
      String trimmed = l.stripTrailing();
      continued = trimmed.endsWith("\\");
      if (continued) {
        out.append(trimmed, 0, trimmed.length() - 1);
      } else {
        out.append(l).append('\n');
      }
    }
    out.setLength(Math.max(0, out.length() - 1)); // split added one line after the last newline
    return out.toString();
  }

  private static String json(String device, String name, String text) throws CollectException {
    String s = text.strip();
    StringBuilder out = new StringBuilder(s.length() * 2);
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (inString) {
        out.append(c);
        if (c == '\\' && i + 1 < s.length()) {
          out.append(s.charAt(++i));
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      switch (c) {
        case '"' -> {
          inString = true;
          out.append(c);
        }
        case '{', '[' -> {
          int next = nextNonBlank(s, i + 1);
          char close = c == '{' ? '}' : ']';
          if (next < s.length() && s.charAt(next) == close) { // empty: {} or []
            out.append(c).append(close);
            i = next;
          } else {
            depth++;
            out.append(c).append('\n').append("  ".repeat(depth));
          }
        }
        case '}', ']' -> {
          depth--;
          if (depth < 0) throw incomplete(device, name, "a '" + c + "' closes nothing");
          out.append('\n').append("  ".repeat(depth)).append(c);
        }
        case ',' -> out.append(",\n").append("  ".repeat(depth));
        case ':' -> out.append(": ");
        case ' ', '\t', '\n', '\r' -> { } // layout is ours
        default -> out.append(c);
      }
    }
    if (inString || depth != 0) {
      throw incomplete(device, name, inString ? "it ends inside a string" : depth + " object(s) or list(s) left open");
    }
    return out.append('\n').toString();
  }

  private static int nextNonBlank(String s, int from) {
    int i = from;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    return i;
  }

  private static CollectException incomplete(String device, String name, String why) {
    return new CollectException(FailureKind.INCOMPLETE, device + ": " + name + " is not complete JSON: " + why
        + "; previous version kept");
  }
}
