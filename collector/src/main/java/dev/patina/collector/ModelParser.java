package dev.patina.collector;

import dev.patina.diff.CleanupRules;
import dev.patina.inventory.Fields;
import dev.patina.inventory.Problem;
import dev.patina.inventory.YamlFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads one model YAML file into a {@link Model} with the inventory's reader ({@link Fields}),
 * so a model and an inventory report mistakes alike: every problem with its line, an unknown
 * key with the key probably meant, {@code yes}/{@code no} and {@code true}/{@code false} alike.
 * Values are taken literally: {@code ${...}} in a model is a device variable, never a reference.
 */
final class ModelParser {
  static final Set<String> SOURCE_KINDS = Set.of("command", "file", "scp", "sysctl", "snmp", "netconf", "bonding",
      "vrrp");
  private static final Set<String> TOP = Set.of("name", "description", "match", "session", "prompt",
      "pager", "login", "enable", "errors", "vars", "artifacts");
  private static final Set<String> ARTIFACT = Set.of("name", "command", "file", "scp", "sysctl", "bonding", "vrrp",
      "snmp", "netconf", "optional", "complete", "min-lines", "keep-only", "drop", "secrets");
  private static final Set<String> ENABLE = Set.of("command", "password-prompt", "when");
  private static final Set<String> PAGER = Set.of("expect", "send");
  private static final Set<String> MATCH = Set.of("sysObjectID", "sysDescr");

  private final Fields.Context ctx;

  private ModelParser(String file) {
    this.ctx = Fields.Context.literal(Path.of(file), new ArrayList<>());
  }

  /** Parses {@code text}; {@code file} names it in messages, {@code expectedName} is its base name. */
  static Model parse(String file, String expectedName, String source, String text) throws ModelException {
    ModelParser p = new ModelParser(file);
    Model model = p.model(expectedName, source, text);
    if (!p.ctx.problems().isEmpty()) {
      throw new ModelException(p.ctx.problems().stream().map(Problem::toString).toList());
    }
    return model;
  }

  private Model model(String expectedName, String source, String text) {
    MappingNode root = YamlFile.parse(text, ctx.shown(), "model", ctx.problems());
    if (root == null) {
      return null;
    }
    Fields m = new Fields(ctx, root, "", TOP);
    String name = m.has("name") ? m.string("name") : expectedName;
    if (name != null && !name.equals(expectedName)) {
      m.problem("name", "name \"" + name + "\" differs from the file name; call the file "
          + name + ".yaml or change the name");
    }
    String sessionText = m.has("session") ? m.string("session") : "shell";
    Model.Session session = Model.Session.SHELL;
    if ("exec".equals(sessionText)) {
      session = Model.Session.EXEC;
    } else if (sessionText != null && !"shell".equals(sessionText)) {
      m.problem("session", "session must be shell or exec, not \"" + sessionText + "\"");
    }
    Pattern prompt = regex(m, "prompt");
    if (prompt == null && session == Model.Session.SHELL && !m.has("prompt")) {
      m.problem(YamlFile.line(root), "a shell model needs a prompt regex (prompt: '^[\\w.-]+[#>]\\s*$')");
    }
    List<Model.Pager> pagers = new ArrayList<>();
    for (Node n : list(m, "pager")) {
      if (n instanceof MappingNode pm) {
        Fields pf = new Fields(ctx, pm, "pager", PAGER);
        if (!pf.has("expect")) {
          pf.problem(YamlFile.line(pm), "a pager needs expect: (a regex) and may give send: (default a space)");
          continue;
        }
        pagers.add(new Model.Pager(regex(pf, "expect"), pf.has("send") ? pf.string("send") : " "));
      } else if (n instanceof ScalarNode s) {
        pagers.add(new Model.Pager(compile(m, YamlFile.line(s), "pager", s.getValue()), " "));
      } else {
        m.problem(YamlFile.line(n), "pager: each entry is a regex or { expect: '...', send: ' ' }");
      }
    }
    Model.Enable enable = null;
    Fields en = m.mapping("enable", ENABLE);
    if (en != null) {
      enable = new Model.Enable(en.has("command") ? en.string("command") : "enable",
          en.has("password-prompt") ? regex(en, "password-prompt") : Pattern.compile("[Pp]assword:\\s*$"),
          regex(en, "when"));
    }
    Map<String, String> vars = m.has("vars") ? m.freeMap("vars") : Map.of();
    Map<String, List<String>> match = new LinkedHashMap<>();
    Fields mf = m.mapping("match", MATCH);
    if (mf != null) {
      for (String key : mf.keys()) {
        List<String> values = mf.strings(key);
        if (values != null) {
          match.put(key, values);
        }
      }
    }
    List<ArtifactSpec> artifacts = new ArrayList<>();
    for (Node n : list(m, "artifacts")) {
      ArtifactSpec a = artifact(n);
      if (a != null) {
        artifacts.add(a);
      }
    }
    if (artifacts.isEmpty() && ctx.problems().isEmpty()) {
      m.problem(YamlFile.line(root), "no artifacts: add at least one, e.g. - { name: running-config, command: show running-config }");
    }
    if (!ctx.problems().isEmpty()) {
      return null;
    }
    List<String> login = m.strings("login");
    return new Model(name, source, m.has("description") ? m.string("description") : "",
        match, session, prompt, pagers, login == null ? List.of() : login, enable, regexes(m, "errors"),
        vars == null ? Map.of() : vars, artifacts);
  }

  private ArtifactSpec artifact(Node n) {
    if (!(n instanceof MappingNode am)) {
      problem(YamlFile.line(n), "an artifact is a mapping: { name: running-config, command: show running-config }");
      return null;
    }
    String name = nameOf(am);
    Fields a = new Fields(ctx, am, name == null ? "artifact" : "artifact \"" + name + "\"", ARTIFACT);
    if (name == null || name.isBlank() || name.startsWith("/") || name.contains("..")) {
      problem(YamlFile.line(am), "artifact needs a relative name such as running-config or state/bonding/{file}");
      return null;
    }
    List<ArtifactSpec.Source> sources = new ArrayList<>();
    for (String key : a.keys()) {
      if (!SOURCE_KINDS.contains(key) || !a.has(key)) {
        continue;
      }
      List<String> values = a.strings(key);
      if (values == null) {
        continue;
      }
      if (a.node(key) instanceof SequenceNode && !key.equals("sysctl")) {
        for (String alternative : values) { // tried in order
          sources.add(new ArtifactSpec.Source(key, alternative));
        }
      } else {
        sources.add(new ArtifactSpec.Source(key, String.join(" ", values)));
      }
    }
    if (sources.isEmpty()) {
      problem(YamlFile.line(am), "artifact \"" + name + "\" has no source: give command, file, scp, sysctl, bonding, vrrp, snmp or netconf");
    }
    Integer minLines = a.integer("min-lines", 0, 1_000_000);
    Boolean optional = a.bool("optional");
    return new ArtifactSpec(name, sources, optional != null && optional, regex(a, "complete"),
        minLines == null ? 0 : minLines, regexes(a, "keep-only"),
        new CleanupRules(regexes(a, "drop"), regexes(a, "secrets")));
  }

  /** The artifact's name as written, for messages about its other keys. */
  private static String nameOf(MappingNode am) {
    for (NodeTuple t : am.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("name")
          && t.getValueNode() instanceof ScalarNode v && !Fields.isNull(v)) {
        return v.getValue();
      }
    }
    return null;
  }

  private List<Node> list(Fields f, String key) {
    if (!f.has(key)) {
      return List.of();
    }
    if (f.node(key) instanceof SequenceNode s) {
      return s.getValue();
    }
    f.problem(key, "\"" + key + "\" must be a list ([a, b] or one '- item' per line)");
    return List.of();
  }

  private List<Pattern> regexes(Fields f, String key) {
    List<Pattern> out = new ArrayList<>();
    if (!f.has(key)) {
      return out;
    }
    if (f.node(key) instanceof ScalarNode s) {
      Pattern p = compile(f, YamlFile.line(s), key, s.getValue());
      if (p != null) out.add(p);
      return out;
    }
    for (Node n : list(f, key)) {
      if (n instanceof ScalarNode s) {
        Pattern p = compile(f, YamlFile.line(s), key, s.getValue());
        if (p != null) out.add(p);
      } else {
        f.problem(YamlFile.line(n), "\"" + key + "\" must list regexes, not a " + Fields.kind(n));
      }
    }
    return out;
  }

  /** The key's regex, null when absent (or wrong, after a problem). */
  private Pattern regex(Fields f, String key) {
    String text = f.string(key);
    return text == null ? null : compile(f, f.line(key), key, text);
  }

  private Pattern compile(Fields f, int line, String key, String text) {
    try {
      return Pattern.compile(text);
    } catch (PatternSyntaxException e) {
      f.problem(line, "\"" + key + "\": bad regex " + text + ": " + e.getDescription() + " at index " + e.getIndex());
      return null;
    }
  }

  private void problem(int line, String message) {
    ctx.problems().add(new Problem(ctx.shown(), line, message));
  }
}
