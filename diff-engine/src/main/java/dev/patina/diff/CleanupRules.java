package dev.patina.diff;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which lines a model drops as volatile and which values it masks as secrets. Both are
 * applied per line. A secret pattern masks its named group {@code secret} if it has one,
 * else its group 1, else the whole match. Each pattern's line filter is worked out here, once,
 * so keep one instance per model artifact rather than one per device.
 */
public final class CleanupRules {
  /** A pattern with its line filter and the group it masks. */
  record Rule(Pattern pattern, RequiredLiteral.Filter filter, boolean namedSecret) {
    static Rule of(Pattern p) {
      return new Rule(p, RequiredLiteral.filter(p), p.pattern().contains("(?<secret>"));
    }
  }

  private static final CleanupRules NONE = new CleanupRules(List.of(), List.of());

  private final List<Pattern> dropLines;
  private final List<Pattern> secrets;
  final Rule[] drop;
  final Rule[] mask;
  /** One scan for both kinds: drop rule i is bit i, mask rule j is bit drop.length + j. */
  final LineScan scan;

  public CleanupRules(List<Pattern> dropLines, List<Pattern> secrets) {
    this.dropLines = List.copyOf(dropLines);
    this.secrets = List.copyOf(secrets);
    this.drop = this.dropLines.stream().map(Rule::of).toArray(Rule[]::new);
    this.mask = this.secrets.stream().map(Rule::of).toArray(Rule[]::new);
    this.scan = new LineScan(java.util.stream.Stream.concat(java.util.Arrays.stream(drop), java.util.Arrays.stream(mask))
        .map(Rule::filter).toList());
  }

  public static CleanupRules none() {
    return NONE;
  }

  public List<Pattern> dropLines() {
    return dropLines;
  }

  public List<Pattern> secrets() {
    return secrets;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CleanupRules r && dropLines.equals(r.dropLines) && secrets.equals(r.secrets);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dropLines, secrets);
  }

  @Override
  public String toString() {
    return "CleanupRules[drop=" + dropLines + ", secrets=" + secrets + "]";
  }
}
