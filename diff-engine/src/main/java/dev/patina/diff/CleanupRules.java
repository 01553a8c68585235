package dev.patina.diff;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which lines a model drops as volatile and which values it masks as secrets. Both are
 * applied per line. A secret pattern masks its named group {@code secret} if it has one,
 * else its group 1, else the whole match.
 */
public record CleanupRules(List<Pattern> dropLines, List<Pattern> secrets) {
  public CleanupRules {
    dropLines = List.copyOf(dropLines);
    secrets = List.copyOf(secrets);
  }

  public static CleanupRules none() {
    return new CleanupRules(List.of(), List.of());
  }
}
