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
    options.setMaxAliasesForCollections(20);
    Node root;
    try {
      root = new Yaml(options).compose(new java.io.StringReader(text));
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String reason = e.getProblem() != null ? e.getProblem() : e.getMessage();
      problems.add(new Problem(shown, m == null ? 0 : m.getLine() + 1, "YAML syntax error: " + reason));
      return null;
    } catch (RuntimeException e) {
      problems.add(new Problem(shown, 0, "YAML error: " + e.getMessage()));
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

  public static int line(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }
}
