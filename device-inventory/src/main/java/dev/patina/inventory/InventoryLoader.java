package dev.patina.inventory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Loads {@code devices.yaml}: {@code defaults}, {@code groups} and a list of {@code devices};
 * a device's settings come from itself, then its group, then the defaults. Every mistake is
 * collected, then all are thrown together, each with file and line.
 */
public final class InventoryLoader {
  private static final Set<String> TOP = Set.of("defaults", "groups", "devices");
  private static final Set<String> DEVICE_KEYS = union(Settings.KEYS, Set.of("name", "host", "group"));

  private final Set<String> models;
  private final Function<String, String> env;

  /**
   * @param models the model names there are (the collector's registry); {@code auto} is known too,
   *     and an unknown name gets the closest of them suggested
   * @param env environment lookup for {@code ${env:NAME}}, usually {@code System::getenv}
   */
  public InventoryLoader(Collection<String> models, Function<String, String> env) {
    this.models = Set.copyOf(models);
    this.env = env;
  }

  public Inventory load(Path devicesYaml) throws ConfigException {
    List<Problem> problems = new ArrayList<>();
    Path shown = devicesYaml;
    MappingNode root = YamlFile.read(devicesYaml, shown, "inventory " + devicesYaml.getFileName(), problems);
    if (root == null) throw new ConfigException(problems);
    Path dir = devicesYaml.toAbsolutePath().getParent();
    Fields.Context ctx = new Fields.Context(shown, dir, problems, env);
    Fields top = new Fields(ctx, root, "", TOP);

    Settings defaults = new Settings();
    Fields d = top.mapping("defaults", Settings.KEYS);
    if (d != null) defaults = Settings.read(d);

    Map<String, Group> groups = new LinkedHashMap<>();
    Map<String, Settings> groupSettings = new HashMap<>();
    if (top.has("groups") && !(top.node("groups") instanceof MappingNode)) {
      top.problem("groups", "\"groups\" must be a mapping of group names to settings");
    }
    if (top.has("groups") && top.node("groups") instanceof MappingNode gm) {
      for (var t : gm.getValue()) {
        String name = ((org.yaml.snakeyaml.nodes.ScalarNode) t.getKeyNode()).getValue();
        int line = YamlFile.line(t.getKeyNode());
        String where = "group \"" + name + "\"";
        String bad = SafeNames.problem(name);
        if (bad != null) {
          problems.add(new Problem(shown, line, where + ": name " + bad));
        }
        if (!(t.getValueNode() instanceof MappingNode body)) {
          if (!Fields.isNull(t.getValueNode())) {
            problems.add(new Problem(shown, line, where + ": must be a mapping of settings"));
          }
          groupSettings.put(name, new Settings());
          groups.put(name, new Group(name, null, null, List.of(), shown.getFileName() + ":" + line));
          continue;
        }
        Settings s = Settings.read(new Fields(ctx, body, where, Settings.KEYS));
        if (s.model != null) checkModel(s.model, problems, shown, line, where);
        groupSettings.put(name, s);
        groups.put(name, new Group(name, s.model, s.schedule, s.mailTo == null ? List.of() : s.mailTo,
            shown.getFileName() + ":" + line));
      }
    }

    List<Device> devices = new ArrayList<>();
    Node list = top.node("devices");
    if (list == null || Fields.isNull(list)) {
      problems.add(new Problem(shown, 0, "no \"devices:\" list; add at least one device, e.g. "
          + "- { name: core-sw1, host: 192.0.2.1, model: cisco-ios }"));
    } else if (!(list instanceof SequenceNode seq)) {
      problems.add(new Problem(shown, top.line("devices"), "\"devices\" must be a list (- { name: ..., host: ... })"));
    } else {
      Map<String, Integer> seen = new HashMap<>();
      int index = 0;
      for (Node item : seq.getValue()) {
        index++;
        int line = YamlFile.line(item);
        if (!(item instanceof MappingNode body)) {
          problems.add(new Problem(shown, line, "device #" + index + ": must be a mapping (name, host, model, ...)"));
          continue;
        }
        Device dev = device(ctx, body, index, defaults, groupSettings, seen);
        if (dev != null) devices.add(dev);
      }
    }
    if (!problems.isEmpty()) throw new ConfigException(Problem.scrub(problems, ctx.references()));
    return new Inventory(devicesYaml, devices, groups);
  }

  private Device device(Fields.Context ctx, MappingNode body, int index, Settings defaults,
      Map<String, Settings> groups, Map<String, Integer> seen) {
    List<Problem> problems = ctx.problems();
    Path shown = ctx.shown();
    int line = YamlFile.line(body);
    Fields probe = new Fields(new Fields.Context(shown, ctx.dir(), new ArrayList<>(), ctx.env(), ctx.references()), body, "",
        DEVICE_KEYS);
    String name = probe.has("name") ? probe.string("name") : null;
    String where = name == null ? "device #" + index : "device \"" + name + "\"";
    Fields f = new Fields(ctx, body, where, DEVICE_KEYS);
    int before = problems.size();
    if (name == null) {
      f.problem(line, "has no \"name\"");
    } else if (SafeNames.problem(name) != null) {
      f.problem("name", "name " + SafeNames.problem(name));
    } else {
      Integer first = seen.putIfAbsent(name.toLowerCase(java.util.Locale.ROOT), f.line("name"));
      if (first != null) f.problem("name", "the name is already used on line " + first);
    }
    String host = f.string("host");
    String groupName = f.string("group");
    Settings own = Settings.read(f);
    Settings group = new Settings();
    if (groupName != null) {
      Settings gs = groups.get(groupName);
      if (gs == null) {
        f.problem("group", "unknown group \"" + groupName + "\"" + (groups.isEmpty() ? "; define it under groups:"
            : "; groups are: " + String.join(", ", groups.keySet())));
      } else {
        group = gs;
      }
    }
    Settings s = own.over(group).over(defaults);
    if (host == null || host.isBlank()) f.problem(line, "has no \"host\"");
    if (s.model == null) {
      f.problem(line, "has no \"model\" (set it on the device, its group or defaults; e.g. cisco-ios)");
    } else if (own.model != null) {
      checkModel(s.model, problems, shown, f.line("model"), where);
    }
    boolean snmpOnly = s.username == null && s.password == null && s.privateKey == null && s.snmp != null;
    if ("auto".equals(s.model) && s.snmp == null) {
      f.problem("model", "model \"auto\" detects the model over SNMP, so the device needs \"snmp\" settings");
    }
    if (!snmpOnly) {
      if (s.username == null) f.problem(line, "has no \"username\" (or give only \"snmp\" settings for an SNMP-only device)");
      if (s.password == null && s.privateKey == null) {
        f.problem(line, "has no \"password\" or \"private-key\"");
      }
    }
    if (problems.size() > before) return null;
    return new Device(name, host.trim(), s.port == null ? 22 : s.port, s.model, groupName, s.username, s.password,
        s.enablePassword, s.privateKey, Boolean.TRUE.equals(s.legacySsh), s.snmp,
        s.vars == null ? Map.of() : s.vars, s.mailTo == null ? List.of() : s.mailTo, s.schedule, s.timeout,
        shown.getFileName() + ":" + line, s.zone);
  }

  private void checkModel(String model, List<Problem> problems, Path shown, int line, String where) {
    if (!"auto".equals(model) && !models.contains(model)) {
      List<String> meant = Fields.meant(model, models);
      String hint = meant.isEmpty() ? ""
          : meant.size() == 1 ? "; did you mean \"" + meant.get(0) + "\"?"
          : "; did you mean one of " + String.join(", ", meant.stream().map(m -> "\"" + m + "\"").toList()) + "?";
      problems.add(new Problem(shown, line, where + ": unknown model \"" + model + "\"" + (hint.isEmpty()
          ? "; run `patina models` to list them, or add one to your models folder"
          : hint + " (`patina models` lists them all)")));
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> s = new java.util.HashSet<>(a);
    s.addAll(b);
    return Set.copyOf(s);
  }
}
