package dev.patina.inventory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** Reads a YAML file as a node tree (lines kept for messages); syntax errors become problems. */
public final class YamlFile {
  /** Aliases that expand a mapping or list: a few are handy, thousands are an alias bomb. */
  static final int MAX_ALIASES = 20;
  /** Characters a file may have: 128 Mi, room for an inventory of a million devices. */
  static final int MAX_CODE_POINTS = 128 << 20;
  private static final java.util.regex.Pattern ALIAS = java.util.regex.Pattern.compile("(?<![\\w&*])\\*[\\w.-]+");

  private YamlFile() {}

  /** The top-level mapping, or null after adding a problem (missing, unreadable, broken, not a mapping). */
  public static MappingNode read(Path file, Path shown, String what, List<Problem> problems) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      problems.add(new Problem(shown, 0, what + " not found (looked for " + file.toAbsolutePath() + ")"));
      return null;
    } catch (IOException e) {
      problems.add(new Problem(shown, 0, "cannot read " + what + ": " + e.getMessage()));
      return null;
    }
    return parse(text, shown, what, problems);
  }

  /** {@link #read} of text already in hand ({@code shown} names it in problems). */
  public static MappingNode parse(String text, Path shown, String what, List<Problem> problems) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true); // reported by Fields with both lines
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setCodePointLimit(MAX_CODE_POINTS); // SnakeYAML's 3 MiB default refuses ~30,000 devices
    Node root;
    try {
      root = new Yaml(options).compose(new java.io.StringReader(text));
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String reason = e.getProblem() != null ? e.getProblem() : e.getMessage();
      problems.add(new Problem(shown, m == null ? 0 : m.getLine() + 1, "YAML syntax error: " + reason));
      return null;
    } catch (RuntimeException e) {
      String message = String.valueOf(e.getMessage());
      if (message.contains("exceeds the limit") && message.contains("code points")) {
        problems.add(new Problem(shown, 0, what + " is larger than " + (MAX_CODE_POINTS >> 20) + " Mi characters;"
            + " split it: devices.yaml can name groups whose devices live in the same file, or run one"
            + " Patina per part of the network"));
      } else if (message.contains("Number of aliases")) {
        problems.add(new Problem(shown, aliasLine(text), "more than " + MAX_ALIASES + " aliases (*name) expand"
            + " mappings or lists; this looks like an alias bomb. Write the values out, or use groups and defaults"));
      } else {
        problems.add(new Problem(shown, 0, "YAML error: " + message));
      }
      return null;
    }
    if (root == null) {
      problems.add(new Problem(shown, 0, what + " is empty"));
      return null;
    }
    if (!(root instanceof MappingNode map)) {
      problems.add(new Problem(shown, line(root), what + " must be a mapping of keys to values at the top"));
      return null;
    }
    return map;
  }

  /** The line of the first alias beyond {@link #MAX_ALIASES} (0 when not found). */
  private static int aliasLine(String text) {
    java.util.regex.Matcher m = ALIAS.matcher(text);
    int seen = 0;
    while (m.find()) {
      if (++seen > MAX_ALIASES) {
        int line = 1;
        for (int i = 0; i < m.start(); i++) {
          if (text.charAt(i) == '\n') line++;
        }
        return line;
      }
    }
    return 0;
  }

  public static int line(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }
}
