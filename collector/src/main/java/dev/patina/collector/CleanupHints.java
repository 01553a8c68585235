package dev.patina.collector;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The lines a model drops as volatile and the secret values it masks, for one artifact, as the
 * model declares them. The diff engine's {@code CleanupRules} is these patterns compiled (each
 * with its line filter), made once per model artifact by the run. They stay two types because
 * the collector does not depend on the diff engine (DESIGN.md's module table); making it so
 * would let a model hold its compiled rules and retire this record.
 */
public record CleanupHints(List<Pattern> dropLines, List<Pattern> secrets) {
  public CleanupHints {
    dropLines = List.copyOf(dropLines);
    secrets = List.copyOf(secrets);
  }
}
