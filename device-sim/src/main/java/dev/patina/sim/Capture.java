package dev.patina.sim;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A recorded session (Oxidized simulation.yaml): init_prompt and commands (map or ordered list),
 * Ruby escapes decoded.
 *
 * <p>Command keys are YAML strings as written (terminator included, usually {@code "\n"}); the
 * init prompt and the replies are additionally decoded as Ruby double-quoted strings, as
 * Oxidized's own simulation helper does.
 */
public final class Capture {
  private final String name;
  private final String vendor;
  private final String initPrompt;
  private final boolean ordered;
  private final List<Map.Entry<String, String>> commands;

  private Capture(String name, String vendor, String initPrompt, boolean ordered,
      List<Map.Entry<String, String>> commands) {
    this.name = name;
    this.vendor = vendor;
    this.initPrompt = initPrompt;
    this.ordered = ordered;
    this.commands = List.copyOf(commands);
  }

  /** Reads a {@code <vendor>#<device>#simulation.yaml} file; the vendor is the name's prefix. */
  public static Capture load(Path simulationYaml) throws IOException {
    String fileName = simulationYaml.getFileName().toString();
    String text;
    try {
      text = Files.readString(simulationYaml, StandardCharsets.UTF_8);
    } catch (java.nio.charset.MalformedInputException e) {
      throw new IOException(simulationYaml + ": not UTF-8 text; a capture is a YAML file", e);
    }
    return parse(simulationYaml.toString(), vendorOf(fileName), text);
  }

  /** Builds a capture in code (tests, demos); entries are (command line with terminator, reply). */
  public static Capture of(String vendor, String initPrompt, boolean ordered,
      List<Map.Entry<String, String>> commands) {
    return new Capture(vendor + "#inline", vendor, initPrompt, ordered, commands);
  }

  /**
   * Parses capture YAML; {@code source} names the file in error messages.
   *
   * @throws IOException naming the source, the line and what is wrong
   */
  public static Capture parse(String source, String vendor, String yamlText) throws IOException {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(256 * 1024 * 1024);
    options.setAllowDuplicateKeys(true);
    Node root;
    try {
      root = new Yaml(options).compose(new StringReader(yamlText));
    } catch (MarkedYAMLException e) {
      throw new IOException(source + ":" + (e.getProblemMark().getLine() + 1)
          + ": not valid YAML: " + e.getProblem(), e);
    } catch (YAMLException e) {
      throw new IOException(source + ": not valid YAML: " + e.getMessage(), e);
    }
    if (!(root instanceof MappingNode top)) {
      throw new IOException(source + ": expected a mapping with 'init_prompt' and 'commands'"
          + " (an Oxidized simulation.yaml)");
    }
    String initPrompt = null;
    Node commandsNode = null;
    for (NodeTuple tuple : top.getValue()) {
      String key = scalar(source, tuple.getKeyNode(), "a top-level key");
      switch (key) {
        case "init_prompt" -> initPrompt = reply(source, tuple.getValueNode(), "init_prompt");
        case "commands" -> commandsNode = tuple.getValueNode();
        default -> { } // other keys (comments, metadata) are ignored
      }
    }
    if (commandsNode == null) {
      throw new IOException(source + ": no 'commands' key; add the recorded commands as a map"
          + " (\"command\\n\": reply) or a list of one-entry maps");
    }
    List<Map.Entry<String, String>> commands = new ArrayList<>();
    boolean ordered;
    if (commandsNode instanceof MappingNode map) {
      ordered = false;
      Set<String> seen = new HashSet<>();
      for (NodeTuple tuple : map.getValue()) {
        String command = scalar(source, tuple.getKeyNode(), "a command");
        if (!seen.add(command)) {
          throw new IOException(source + ":" + line(tuple.getKeyNode()) + ": command "
              + quote(command) + " is recorded twice; use the list form for repeated commands");
        }
        commands.add(Map.entry(command, reply(source, tuple.getValueNode(), quote(command))));
      }
    } else if (commandsNode instanceof SequenceNode list) {
      ordered = true;
      for (Node item : list.getValue()) {
        if (!(item instanceof MappingNode one) || one.getValue().size() != 1) {
          throw new IOException(source + ":" + line(item)
              + ": each list item under 'commands' must be a one-entry map \"command\\n\": reply");
        }
        NodeTuple tuple = one.getValue().get(0);
        String command = scalar(source, tuple.getKeyNode(), "a command");
        commands.add(Map.entry(command, reply(source, tuple.getValueNode(), quote(command))));
      }
    } else if (isNull(commandsNode)) {
      ordered = false;
    } else {
      throw new IOException(source + ":" + line(commandsNode)
          + ": 'commands' must be a map or a list of one-entry maps");
    }
    return new Capture(source, vendor, initPrompt == null ? "" : initPrompt, ordered, commands);
  }

  /** The vendor prefix of a file name: {@code "ios"} for {@code ios#c9200#simulation.yaml}. */
  static String vendorOf(String fileName) {
    int hash = fileName.indexOf('#');
    return hash > 0 ? fileName.substring(0, hash).toLowerCase(Locale.ROOT) : "generic";
  }

  private static String reply(String source, Node node, String what) throws IOException {
    if (isNull(node)) {
      return "";
    }
    String raw = scalar(source, node, "the reply to " + what);
    try {
      return RubyEscapes.decode(raw);
    } catch (IllegalArgumentException e) {
      throw new IOException(source + ":" + line(node) + ": reply to " + what + ": "
          + e.getMessage(), e);
    }
  }

  private static String scalar(String source, Node node, String what) throws IOException {
    if (node instanceof ScalarNode s) {
      return s.getValue();
    }
    throw new IOException(source + ":" + line(node) + ": " + what + " must be a string");
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
  }

  private static int line(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  static String quote(String command) {
    return "\"" + command.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
        .replace("\"", "\\\"") + "\"";
  }

  /** The file this capture came from, for messages. */
  public String name() {
    return name;
  }

  /** Banner and first prompt, as the device sends them right after login. */
  public String initPrompt() {
    return initPrompt;
  }

  /** True for the list form: commands were recorded in this order. */
  public boolean ordered() {
    return ordered;
  }

  /** (command line with its terminator, reply) in file order. */
  public List<Map.Entry<String, String>> commands() {
    return commands;
  }

  /** The vendor prefix of the file name: ios, nxos, junos, procurve, ... */
  public String vendor() {
    return vendor;
  }

  /** The reply recorded for {@code command} (terminator included), first one if repeated. */
  public java.util.Optional<String> reply(String command) {
    return commands.stream().filter(e -> e.getKey().equals(command)).map(Map.Entry::getValue)
        .findFirst();
  }

  @Override
  public String toString() {
    return "Capture[" + name + ", " + commands.size() + (ordered ? " ordered" : "")
        + " commands]";
  }
}
