package dev.patina.sim;

/** Breaks lines wider than a terminal, as devices that honour the pseudo-terminal width do. */
final class Wrap {
  private Wrap() {}

  /** {@code text} with a line end inserted after every {@code columns} visible characters. */
  static String toWidth(String text, int columns, String nl) {
    if (columns <= 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 64);
    int column = 0;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\u001b') {
        int end = Echo.skipEscape(text, i);
        out.append(text, i, end);
        i = end;
        continue;
      }
      if (c == '\n' || c == '\r') {
        column = 0;
      } else {
        if (column == columns) {
          out.append(nl);
          column = 0;
        }
        column++;
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }
}
