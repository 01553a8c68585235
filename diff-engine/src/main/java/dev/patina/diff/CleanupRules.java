package dev.patina.diff;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which lines a model drops as volatile, which values it masks as secrets, and which values it
 * declares are not secrets. All are applied per line. A secret pattern masks its named group
 * {@code secret} if it has one, else its group 1, else the whole match; a not-secret pattern
 * keeps its group {@code keep} (else group 1, else the whole match) away from the
 * {@link CredentialDetector}, which runs after the model's patterns on every line. Each
 * pattern's line filter is worked out here, once, so keep one instance per model artifact
 * rather than one per device.
 */
public final class CleanupRules {
  /** A pattern with its line filter and the group it masks (or keeps). */
  record Rule(Pattern pattern, RequiredLiteral.Filter filter, boolean namedSecret, boolean namedKeep) {
    static Rule of(Pattern p) {
      return new Rule(p, RequiredLiteral.filter(p), p.pattern().contains("(?<secret>"), p.pattern().contains("(?<keep>"));
    }
  }

  private static final CleanupRules NONE = new CleanupRules(List.of(), List.of());

  private final List<Pattern> dropLines;
  private final List<Pattern> secrets;
  private final List<Pattern> notSecrets;
  final Rule[] drop;
  final Rule[] mask;
  final Rule[] keep;
  /**
   * One scan for all kinds: drop rule i is bit i, mask rule j is bit drop.length + j, keep rule
   * k is bit drop.length + mask.length + k, and the credential detector is the last one.
   */
  final LineScan scan;
  final int detectorRule;

  public CleanupRules(List<Pattern> dropLines, List<Pattern> secrets) {
    this(dropLines, secrets, List.of());
  }

  public CleanupRules(List<Pattern> dropLines, List<Pattern> secrets, List<Pattern> notSecrets) {
    this.dropLines = List.copyOf(dropLines);
    this.secrets = List.copyOf(secrets);
    this.notSecrets = List.copyOf(notSecrets);
    this.drop = this.dropLines.stream().map(Rule::of).toArray(Rule[]::new);
    this.mask = this.secrets.stream().map(Rule::of).toArray(Rule[]::new);
    this.keep = this.notSecrets.stream().map(Rule::of).toArray(Rule[]::new);
    this.detectorRule = drop.length + mask.length + keep.length;
    this.scan = new LineScan(Stream.concat(Stream.of(drop, mask, keep).flatMap(Arrays::stream).map(Rule::filter),
        Stream.of(CredentialDetector.FILTER)).toList());
  }

  /** The ranges the model's not-secret patterns claim on {@code line}. */
  int[][] kept(String line) {
    if (keep.length == 0) return null;
    java.util.List<int[]> out = new java.util.ArrayList<>();
    for (Rule r : keep) {
      Matcher m = r.pattern().matcher(line);
      while (m.find()) {
        int g = r.namedKeep() ? -1 : m.groupCount() >= 1 ? 1 : 0;
        int s = g < 0 ? m.start("keep") : m.start(g);
        int e = g < 0 ? m.end("keep") : m.end(g);
        if (s >= 0) out.add(new int[] {s, e});
      }
    }
    return out.toArray(int[][]::new);
  }

  static boolean inside(int[][] kept, int start, int end) {
    if (kept == null) return false;
    for (int[] k : kept) {
      if (start >= k[0] && end <= k[1]) return true;
    }
    return false;
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

  public List<Pattern> notSecrets() {
    return notSecrets;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CleanupRules r && dropLines.equals(r.dropLines) && secrets.equals(r.secrets)
        && notSecrets.equals(r.notSecrets);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dropLines, secrets, notSecrets);
  }

  @Override
  public String toString() {
    return "CleanupRules[drop=" + dropLines + ", secrets=" + secrets + ", notSecrets=" + notSecrets + "]";
  }
}
