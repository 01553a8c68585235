package dev.patina.diff;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Names the config section a line belongs to: the chain of less-indented lines above it,
 * outermost first, joined by {@code " > "} ({@code router bgp 65000 > address-family ipv4},
 * Junos {@code interfaces > ge-0/0/0 > unit 0}).
 */
final class Sections {
  private static final int MAX_LOOKBACK = 5000;

  private Sections() {}

  static String enclosing(List<String> lines, int index) {
    if (index >= lines.size()) index = lines.size() - 1;
    if (index < 0) return "";
    int indent = indent(lines.get(index));
    Deque<String> chain = new ArrayDeque<>();
    for (int k = index - 1; k >= 0 && k >= index - MAX_LOOKBACK && indent > 0; k--) {
      String line = lines.get(k);
      if (line.isBlank()) continue;
      int ind = indent(line);
      if (ind < indent && !isCloser(line)) {
        chain.addFirst(label(line));
        indent = ind;
      }
    }
    return String.join(" > ", chain);
  }

  private static boolean isCloser(String line) {
    String t = line.strip();
    return t.equals("}") || t.equals("!") || t.equals("#") || t.equals("exit");
  }

  private static String label(String line) {
    String t = line.strip();
    if (t.endsWith("{")) t = t.substring(0, t.length() - 1).strip();
    return t.length() > 80 ? t.substring(0, 80) : t;
  }

  private static int indent(String line) {
    int i = 0;
    while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) i++;
    return i;
  }
}
