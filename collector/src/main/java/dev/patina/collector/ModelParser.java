package dev.patina.collector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads one model YAML file into a {@link Model}, collecting every problem with its line. */
final class ModelParser {
  static final Set<String> SOURCE_KINDS = Set.of("command", "file", "scp", "sysctl", "snmp", "netconf", "bonding",
      "vrrp");
  private static final Set<String> TOP = Set.of("name", "description", "match", "session", "prompt",
      "pager", "login", "enable", "errors", "vars", "artifacts");
  private static final Set<String> ARTIFACT = Set.of("name", "command", "file", "scp", "sysctl", "bonding", "vrrp",
      "snmp", "netconf", "optional", "complete", "structure", "min-lines", "keep-only", "drop", "secrets");
  private static final Set<String> ENABLE = Set.of("command", "password-prompt", "when");
  private static final Set<String> PAGER = Set.of("expect", "send");

  private final String file;
  private final List<String> problems = new ArrayList<>();

  private ModelParser(String file) {
    this.file = file;
  }

  /** Parses {@code text}; {@code file} names it in messages, {@code expectedName} is its base name. */
  static Model parse(String file, String expectedName, String source, String text) throws ModelException {
    ModelParser p = new ModelParser(file);
    Model model = p.model(expectedName, source, text);
    if (!p.problems.isEmpty()) {
      throw new ModelException(p.problems);
    }
    return model;
  }

  private Model model(String expectedName, String source, String text) {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new java.io.StringReader(text));
    } catch (MarkedYAMLException e) {
      problem(e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1,
          "not valid YAML: " + e.getProblem());
      return null;
    } catch (YAMLException e) {
      problem(1, "not valid YAML: " + e.getMessage());
      return null;
    }
    if (!(root instanceof MappingNode top)) {
      problem(root == null ? 1 : line(root), "a model is a mapping with name, prompt, artifacts, ...");
      return null;
    }
    Map<String, Node> m = keys(top, TOP, "model");
    String name = m.containsKey("name") ? string(m.get("name")) : expectedName;
    if (name != null && !name.equals(expectedName)) {
      problem(line(m.get("name")), "name \"" + name + "\" differs from the file name; call the file "
          + name + ".yaml or change the name");
    }
    String sessionText = m.containsKey("session") ? string(m.get("session")) : "shell";
    Model.Session session = Model.Session.SHELL;
    if ("exec".equals(sessionText)) {
      session = Model.Session.EXEC;
    } else if (!"shell".equals(sessionText)) {
      problem(line(m.get("session")), "session must be shell or exec, not \"" + sessionText + "\"");
    }
    Pattern prompt = m.containsKey("prompt") ? regex(m.get("prompt")) : null;
    if (prompt == null && session == Model.Session.SHELL && !m.containsKey("prompt")) {
      problem(line(top), "a shell model needs a prompt regex (prompt: '^[\\w.-]+[#>]\\s*$')");
    }
    List<Model.Pager> pagers = new ArrayList<>();
    for (Node n : list(m.get("pager"))) {
      if (n instanceof MappingNode pm) {
        Map<String, Node> pk = keys(pm, PAGER, "pager");
        pagers.add(new Model.Pager(regex(pk.get("expect")),
            pk.containsKey("send") ? string(pk.get("send")) : " "));
      } else {
        pagers.add(new Model.Pager(regex(n), " "));
      }
    }
    Model.Enable enable = null;
    if (m.get("enable") instanceof MappingNode en) {
      Map<String, Node> ek = keys(en, ENABLE, "enable");
      enable = new Model.Enable(ek.containsKey("command") ? string(ek.get("command")) : "enable",
          ek.containsKey("password-prompt") ? regex(ek.get("password-prompt"))
              : Pattern.compile("[Pp]assword:\\s*$"),
          ek.containsKey("when") ? regex(ek.get("when")) : null);
    } else if (m.containsKey("enable")) {
      problem(line(m.get("enable")), "enable is a mapping: { command: enable, password-prompt: '...' }");
    }
    Map<String, String> vars = new LinkedHashMap<>();
    if (m.get("vars") instanceof MappingNode vm) {
      for (NodeTuple t : vm.getValue()) {
        vars.put(string(t.getKeyNode()), string(t.getValueNode()));
      }
    }
    Map<String, List<String>> match = new LinkedHashMap<>();
    if (m.get("match") instanceof MappingNode mm) {
      for (NodeTuple t : mm.getValue()) {
        match.put(string(t.getKeyNode()), strings(t.getValueNode()));
      }
    }
    List<ArtifactSpec> artifacts = new ArrayList<>();
    for (Node n : list(m.get("artifacts"))) {
      ArtifactSpec a = artifact(n);
      if (a != null) {
        artifacts.add(a);
      }
    }
    if (artifacts.isEmpty() && problems.isEmpty()) {
      problem(line(top), "no artifacts: add at least one, e.g. - { name: running-config, command: show running-config }");
    }
    if (!problems.isEmpty()) {
      return null;
    }
    return new Model(name, source, m.containsKey("description") ? string(m.get("description")) : "",
        match, session, prompt, pagers, strings(m.get("login")), enable, regexes(m.get("errors")),
        vars, artifacts);
  }

  private ArtifactSpec artifact(Node n) {
    if (!(n instanceof MappingNode am)) {
      problem(line(n), "an artifact is a mapping: { name: running-config, command: show running-config }");
      return null;
    }
    Map<String, Node> a = keys(am, ARTIFACT, "artifact");
    String name = a.containsKey("name") ? string(a.get("name")) : null;
    if (name == null || name.isBlank() || name.startsWith("/") || name.contains("..")) {
      problem(line(am), "artifact needs a relative name such as running-config or state/bonding/{file}");
      return null;
    }
    List<ArtifactSpec.Source> sources = new ArrayList<>();
    for (NodeTuple t : am.getValue()) {
      String key = string(t.getKeyNode());
      if (SOURCE_KINDS.contains(key)) {
        Node v = t.getValueNode();
        if (v instanceof SequenceNode && !key.equals("sysctl")) {
          for (String alternative : strings(v)) { // tried in order
            sources.add(new ArtifactSpec.Source(key, alternative));
          }
        } else {
          sources.add(new ArtifactSpec.Source(key,
              v instanceof SequenceNode ? String.join(" ", strings(v)) : string(v)));
        }
      }
    }
    if (sources.isEmpty()) {
      problem(line(am), "artifact \"" + name + "\" has no source: give command, file, scp, sysctl, bonding, vrrp, snmp or netconf");
    }
    int minLines = 0;
    if (a.containsKey("min-lines")) {
      try {
        minLines = Integer.parseInt(string(a.get("min-lines")));
      } catch (NumberFormatException e) {
        problem(line(a.get("min-lines")), "min-lines must be a whole number");
      }
    }
    List<Structure> structure = new ArrayList<>();
    if (a.containsKey("structure")) {
      for (String key : strings(a.get("structure"))) {
        Structure s = Structure.of(key);
        if (s == null) {
          problem(line(a.get("structure")), "structure: unknown check \"" + key + "\"; known: braces, banners");
        } else {
          structure.add(s);
        }
      }
    }
    return new ArtifactSpec(name, sources, a.containsKey("optional") && "true".equals(string(a.get("optional"))),
        a.containsKey("complete") ? regex(a.get("complete")) : null, minLines,
        regexes(a.get("keep-only")), regexes(a.get("drop")), regexes(a.get("secrets")), structure);
  }

  private Map<String, Node> keys(MappingNode node, Set<String> known, String what) {
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple t : node.getValue()) {
      String key = string(t.getKeyNode());
      if (!known.contains(key)) {
        problem(line(t.getKeyNode()), what + ": unknown key \"" + key + "\"; known keys: "
            + String.join(", ", known.stream().sorted().toList()));
      } else if (out.put(key, t.getValueNode()) != null) {
        problem(line(t.getKeyNode()), what + ": key \"" + key + "\" given twice");
      }
    }
    return out;
  }

  private List<Node> list(Node n) {
    if (n == null) {
      return List.of();
    }
    if (n instanceof SequenceNode s) {
      return s.getValue();
    }
    problem(line(n), "expected a list ([a, b] or one '- item' per line)");
    return List.of();
  }

  private List<String> strings(Node n) {
    if (n instanceof ScalarNode) {
      return List.of(string(n));
    }
    return list(n).stream().map(this::string).toList();
  }

  private List<Pattern> regexes(Node n) {
    return (n instanceof ScalarNode ? List.of(n) : list(n)).stream().map(this::regex)
        .filter(java.util.Objects::nonNull).toList();
  }

  private Pattern regex(Node n) {
    String text = string(n);
    if (text == null) {
      return null;
    }
    try {
      return Pattern.compile(text);
    } catch (PatternSyntaxException e) {
      problem(line(n), "bad regex " + text + ": " + e.getDescription() + " at index " + e.getIndex());
      return null;
    }
  }

  private String string(Node n) {
    if (n instanceof ScalarNode s) {
      return s.getValue();
    }
    problem(n == null ? 1 : line(n), "expected a single value here, not a list or mapping");
    return null;
  }

  private static int line(Node n) {
    return n.getStartMark().getLine() + 1;
  }

  private void problem(int line, String message) {
    problems.add(file + ":" + line + ": " + message);
  }
}
