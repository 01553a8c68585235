package dev.patina.collector;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The lines a model drops as volatile, the secret values it masks, and the values it declares
 * are not secrets (kept from the credential detector: key ids, key-chain names, MACsec CKNs),
 * for one artifact.
 */
public record CleanupHints(List<Pattern> dropLines, List<Pattern> secrets, List<Pattern> notSecrets) {
  public CleanupHints {
    dropLines = List.copyOf(dropLines);
    secrets = List.copyOf(secrets);
    notSecrets = List.copyOf(notSecrets);
  }

  public CleanupHints(List<Pattern> dropLines, List<Pattern> secrets) {
    this(dropLines, secrets, List.of());
  }
}
