package dev.patina.diff.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a state document: header lines ({@code bond bond0}, {@code slave eth1},
 * {@code vrrp VI_1}) opening blocks, {@code key: value} lines, {@code - item} lines, each level
 * indented by two spaces. The collector writes them; this side knows nothing of where they came from.
 */
public record StateDocument(String header, Map<String, String> values, List<StateDocument> blocks,
    List<String> items) {

  /** The top-level blocks of a document's text; empty for null or empty text. */
  public static List<StateDocument> parse(String text) {
    StateDocument root = new StateDocument("", new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>());
    if (text == null) return root.blocks();
    List<StateDocument> stack = new ArrayList<>(List.of(root));
    for (String line : text.split("\n")) {
      if (line.isBlank()) continue;
      int indent = 0;
      while (indent < line.length() && line.charAt(indent) == ' ') indent++;
      int level = indent / 2;
      while (stack.size() > level + 1) stack.remove(stack.size() - 1);
      StateDocument parent = stack.get(stack.size() - 1);
      String t = line.strip();
      if (t.startsWith("- ")) {
        parent.items().add(t.substring(2));
        continue;
      }
      int colon = t.indexOf(": ");
      if (colon > 0 && !t.endsWith(":")) {
        parent.values().put(t.substring(0, colon), t.substring(colon + 2));
        continue;
      }
      StateDocument block = new StateDocument(t.endsWith(":") ? t.substring(0, t.length() - 1) : t,
          new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>());
      parent.blocks().add(block);
      stack.add(block);
    }
    return root.blocks();
  }

  /** The name after the kind in the header: {@code bond0} of {@code bond bond0}. */
  public String name() {
    int sp = header.indexOf(' ');
    return sp < 0 ? header : header.substring(sp + 1);
  }

  public String kind() {
    int sp = header.indexOf(' ');
    return sp < 0 ? header : header.substring(0, sp);
  }

  public String get(String key) {
    return values.get(key);
  }

  /** Child blocks of one kind by name, in order. */
  public Map<String, StateDocument> children(String kind) {
    Map<String, StateDocument> out = new LinkedHashMap<>();
    for (StateDocument b : blocks) if (b.kind().equals(kind)) out.put(b.name(), b);
    return out;
  }
}
