package dev.patina.collector;

import java.util.List;
import java.util.regex.Pattern;

/** The lines a model drops as volatile and the secret values it masks, for one artifact. */
public record CleanupHints(List<Pattern> dropLines, List<Pattern> secrets) {
  public CleanupHints {
    dropLines = List.copyOf(dropLines);
    secrets = List.copyOf(secrets);
  }
}
