package dev.patina.inventory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Typed access to one YAML mapping, reporting every mistake as a {@link Problem} with its
 * line and context ({@code device "core-sw1": ...}): unknown keys (with the closest known
 * one), duplicates, wrong types, bad numbers and durations, undefined references. The one
 * reader of every file a user writes: {@code devices.yaml}, {@code patina.yaml} and the
 * collector's device models.
 */
public final class Fields {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h|d)?");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB|KB|MB|GB|k|M|G)?");

  private final Context ctx;
  private final String where;
  private final Map<String, Node> values = new LinkedHashMap<>();
  private final Map<String, Integer> lines = new LinkedHashMap<>();

  /**
   * Shared by every mapping of one file: the file name shown, problems, environment, and the
   * values that {@code ${env:}}/{@code ${file:}} references resolved to (value to reference),
   * so that no problem message ever prints a resolved value ({@link Problem#scrub}).
   *
   * @param env resolves {@code ${env:X}}; null when the file's values are taken literally (models),
   *     so neither {@code ${env:X}} nor {@code ${file:P}} is resolved
   */
  public record Context(java.nio.file.Path shown, java.nio.file.Path dir, List<Problem> problems,
      Function<String, String> env, Map<String, String> references) {
    public Context(java.nio.file.Path shown, java.nio.file.Path dir, List<Problem> problems,
        Function<String, String> env) {
      this(shown, dir, problems, env, new LinkedHashMap<>());
    }

    /** A file whose values are taken literally, no references resolved. */
    public static Context literal(java.nio.file.Path shown, List<Problem> problems) {
      return new Context(shown, shown.toAbsolutePath().getParent(), problems, null);
    }
  }

  public Fields(Context ctx, MappingNode node, String where, Set<String> allowed) {
    this.ctx = ctx;
    this.where = where;
    for (NodeTuple t : node.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode key)) {
        problem(YamlFile.line(t.getKeyNode()), "keys must be plain words");
        continue;
      }
      String k = key.getValue();
      int line = YamlFile.line(key);
      if (!allowed.contains(k)) {
        problem(line, "unknown key \"" + k + "\"" + suggest(k, allowed));
        continue;
      }
      if (values.containsKey(k)) {
        problem(line, "\"" + k + "\" is given twice (also on line " + lines.get(k) + ")");
        continue;
      }
      values.put(k, t.getValueNode());
      lines.put(k, line);
    }
  }

  public String where() {
    return where;
  }

  Context context() {
    return ctx;
  }

  /** The keys given, in the file's order (unknown and repeated ones left out). */
  public List<String> keys() {
    return List.copyOf(values.keySet());
  }

  public boolean has(String key) {
    return values.containsKey(key) && !isNull(values.get(key));
  }

  public int line(String key) {
    return lines.getOrDefault(key, 0);
  }

  public Node node(String key) {
    return values.get(key);
  }

  public void problem(int line, String message) {
    ctx.problems().add(new Problem(ctx.shown(), line, (where.isEmpty() ? "" : where + ": ") + message));
  }

  public void problem(String key, String message) {
    problem(line(key), message);
  }

  /** A scalar with {@code ${env:X}} / {@code ${file:P}} resolved; null when absent or wrong. */
  public String string(String key) {
    if (!has(key)) return null;
    Node n = values.get(key);
    if (!(n instanceof ScalarNode s)) {
      problem(key, "\"" + key + "\" must be a single value, not a " + kind(n));
      return null;
    }
    return References.resolve(s.getValue(), this, key);
  }

  public Integer integer(String key, int min, int max) {
    String v = string(key);
    if (v == null) return null;
    try {
      int i = Integer.parseInt(v.trim());
      if (i < min || i > max) {
        problem(key, "\"" + key + "\" must be between " + min + " and " + max + ", not " + i);
        return null;
      }
      return i;
    } catch (NumberFormatException e) {
      problem(key, "\"" + key + "\" must be a whole number, not \"" + v + "\"");
      return null;
    }
  }

  public Boolean bool(String key) {
    String v = string(key);
    if (v == null) return null;
    return switch (v.trim().toLowerCase()) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> {
        problem(key, "\"" + key + "\" must be true or false, not \"" + v + "\"");
        yield null;
      }
    };
  }

  /** {@link #duration(String, Duration)} of at least one second. */
  public Duration duration(String key) {
    return duration(key, Duration.ofSeconds(1));
  }

  /**
   * {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, at least {@code min}. A bare number is
   * refused: {@code 10} could mean seconds or milliseconds, and a wrong guess is a limit off by 1,000.
   */
  public Duration duration(String key, Duration min) {
    String v = string(key);
    if (v == null) return null;
    Matcher m = DURATION.matcher(v.trim());
    if (!m.matches()) {
      problem(key, "\"" + key + "\" must be a duration such as 500ms, 10s, 5m or 1h, not \"" + v + "\"");
      return null;
    }
    if (m.group(2) == null) {
      problem(key, "\"" + key + "\": " + v.trim() + " needs a unit: write " + v.trim() + "s for seconds (or ms, m, h)");
      return null;
    }
    long n;
    try {
      n = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      problem(key, "\"" + key + "\": " + v.trim() + " is too large");
      return null;
    }
    String unit = m.group(2);
    Duration d = switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m", "min" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofSeconds(n);
    };
    if (d.compareTo(min) < 0) {
      problem(key, "\"" + key + "\" must be at least " + human(min) + ", not " + v.trim()
          + (d.isZero() ? "" : " (too short for any device to answer)"));
      return null;
    }
    return d;
  }

  private static String human(Duration d) {
    return d.toMillis() % 1000 != 0 ? d.toMillis() + "ms" : d.toSeconds() + "s";
  }

  /** {@code 1MiB}, {@code 512KiB}, or bytes. */
  public Long size(String key) {
    String v = string(key);
    if (v == null) return null;
    Matcher m = SIZE.matcher(v.trim());
    if (!m.matches()) {
      problem(key, "\"" + key + "\" must be a size such as 512KiB or 1MiB, not \"" + v + "\"");
      return null;
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "B" : m.group(2);
    return switch (unit) {
      case "KiB", "k" -> n << 10;
      case "KB" -> n * 1000;
      case "MiB", "M" -> n << 20;
      case "MB" -> n * 1000_000;
      case "GiB", "G" -> n << 30;
      case "GB" -> n * 1000_000_000L;
      default -> n;
    };
  }

  /** A list of values; a single value counts as a list of one. */
  public List<String> strings(String key) {
    if (!has(key)) return null;
    Node n = values.get(key);
    List<String> out = new ArrayList<>();
    if (n instanceof ScalarNode s) {
      out.add(References.resolve(s.getValue(), this, key));
    } else if (n instanceof SequenceNode seq) {
      for (Node item : seq.getValue()) {
        if (item instanceof ScalarNode s) out.add(References.resolve(s.getValue(), this, key));
        else problem(YamlFile.line(item), "\"" + key + "\" must list plain values, not a " + kind(item));
      }
    } else {
      problem(key, "\"" + key + "\" must be a list, not a " + kind(n));
      return null;
    }
    out.removeIf(java.util.Objects::isNull);
    return out;
  }

  /** A nested mapping with its own allowed keys, or null when absent or not a mapping. */
  public Fields mapping(String key, Set<String> allowed) {
    if (!has(key)) return null;
    Node n = values.get(key);
    if (!(n instanceof MappingNode m)) {
      problem(key, "\"" + key + "\" must be a mapping ({ key: value, ... }), not a " + kind(n));
      return null;
    }
    return new Fields(ctx, m, where.isEmpty() ? key : where + ": " + key, allowed);
  }

  /** A mapping of free keys to plain values (for {@code vars}). */
  public Map<String, String> freeMap(String key) {
    if (!has(key)) return null;
    Node n = values.get(key);
    if (!(n instanceof MappingNode m)) {
      problem(key, "\"" + key + "\" must be a mapping of names to values, not a " + kind(n));
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && t.getValueNode() instanceof ScalarNode v) {
        String resolved = References.resolve(v.getValue(), this, key);
        if (resolved != null) out.put(k.getValue(), resolved);
      } else {
        problem(YamlFile.line(t.getKeyNode()), "\"" + key + "\" entries must be name: value");
      }
    }
    return out;
  }

  public static boolean isNull(Node n) {
    return n instanceof ScalarNode s && (s.getTag().getValue().endsWith(":null"));
  }

  public static String kind(Node n) {
    return switch (n.getNodeId()) {
      case mapping -> "mapping";
      case sequence -> "list";
      default -> "value";
    };
  }

  static String suggest(String key, Set<String> allowed) {
    String best = closest(key, allowed);
    if (best != null) {
      return "; did you mean \"" + best + "\"?";
    }
    return "; known keys: " + String.join(", ", allowed.stream().sorted().toList());
  }

  /** The name of {@code allowed} closest to {@code key} if it is near enough to be a typo, else null. */
  public static String closest(String key, java.util.Collection<String> allowed) {
    String best = allowed.stream().min(Comparator.comparingInt((String a) -> distance(a, key)).thenComparing(a -> a))
        .orElse(null);
    return best != null && distance(best, key) <= Math.max(2, key.length() / 3) ? best : null;
  }

  /**
   * What {@code key} was probably meant to be (up to three names): those that have it as a part
   * ({@code junos} of {@code juniper-junos}), else the one a typo away, else those that contain
   * it; empty when nothing fits.
   */
  public static List<String> meant(String key, java.util.Collection<String> allowed) {
    String k = key.toLowerCase(java.util.Locale.ROOT);
    List<String> parts = allowed.stream()
        .filter(a -> List.of(a.toLowerCase(java.util.Locale.ROOT).split("-")).contains(k)).sorted().limit(3).toList();
    if (!parts.isEmpty()) return parts;
    String near = closest(key, allowed);
    if (near != null) return List.of(near);
    if (k.length() < 3) return List.of();
    return allowed.stream().filter(a -> a.toLowerCase(java.util.Locale.ROOT).contains(k)).sorted().limit(3).toList();
  }

  /** Edits (insert, delete, replace, swap of two neighbours) from {@code a} to {@code b}: "cisco-iso" is one from "cisco-ios". */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i][j - 1] + 1, d[i - 1][j] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
