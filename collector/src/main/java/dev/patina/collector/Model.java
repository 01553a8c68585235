package dev.patina.collector;

import dev.patina.diff.CleanupRules;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A device model: a small declarative YAML file (src/main/resources/models/&lt;name&gt;.yaml, or
 * the user's models dir) saying how to log in, turn paging off and fetch each artifact.
 *
 * @param name model name, as devices refer to it
 * @param source "built-in" or the path of the user's file
 * @param description one line for {@code patina models}
 * @param match sysObjectID prefixes and sysDescr fragments for {@code model: auto}
 * @param session shell (interactive, with prompts) or exec (one channel per command)
 * @param prompt the prompt, matched against the line being written (terminal codes removed)
 * @param pagers what to answer when output stops at a pager or "press any key"
 * @param login commands sent once after login (paging off, wide terminal)
 * @param enable how to enter privileged mode, or null
 * @param errors output lines that mean the device rejected a command
 * @param vars settings with defaults (file paths, ...); a device's vars override them
 * @param artifacts what to collect, in order
 */
public record Model(String name, String source, String description, Map<String, List<String>> match,
    Session session, Pattern prompt, List<Pager> pagers, List<String> login, Enable enable,
    List<Pattern> errors, Map<String, String> vars, List<ArtifactSpec> artifacts) {

  /** Shell (interactive pseudo-terminal) or exec (one command per channel). */
  public enum Session { SHELL, EXEC }

  /** An output that waits for a key, and the key to send. */
  public record Pager(Pattern expect, String send) {}

  /** How to enter privileged mode: a command, a password prompt, and when it is needed. */
  public record Enable(String command, Pattern passwordPrompt, Pattern when) {}

  public Model {
    match = Map.copyOf(match);
    pagers = List.copyOf(pagers);
    login = List.copyOf(login);
    errors = List.copyOf(errors);
    vars = Map.copyOf(vars);
    artifacts = List.copyOf(artifacts);
  }

  /** The volatile-line and secret rules for that artifact (none for unknown ones). */
  public CleanupRules cleanupFor(String artifact) {
    return artifacts.stream().filter(a -> a.produces(artifact)).findFirst().map(ArtifactSpec::cleanup)
        .orElse(CleanupRules.none());
  }

  /** How far into a reply a device reports a rejected command (a caret line, then the message). */
  static final int ERROR_LINES = 8;

  /**
   * The first of the reply's first {@value #ERROR_LINES} lines that matches one of the model's
   * error patterns, or null. A device rejects a command at once; a line further down (a banner
   * or description in a 2,000-line config that happens to read "% Invalid input") is data.
   */
  public String rejected(List<String> lines) {
    int n = Math.min(lines.size(), ERROR_LINES);
    for (int i = 0; i < n; i++) {
      String line = lines.get(i);
      for (Pattern p : errors) {
        if (p.matcher(line).find()) {
          return line;
        }
      }
    }
    return null;
  }

  /** The same model with another source label (a user file overriding a built-in one). */
  Model withSource(String newSource) {
    return new Model(name, newSource, description, match, session, prompt, pagers, login, enable,
        errors, vars, artifacts);
  }
}
