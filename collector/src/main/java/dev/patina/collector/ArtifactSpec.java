package dev.patina.collector;

import dev.patina.diff.CleanupRules;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One artifact of a model: where it comes from and how to check and reduce it.
 *
 * @param name the artifact path ("running-config", "state/bonding/{file}" for a file glob)
 * @param sources where to read it, tried in order until one works (kind "command", "file",
 *     "scp", "sysctl", "bonding", "vrrp", "netconf" or "snmp": see {@link ArtifactSource})
 * @param optional a missing file or a rejected command skips the artifact instead of failing
 * @param complete the last non-blank line of a complete artifact matches this (null: no rule)
 * @param minLines a complete artifact has at least this many non-blank lines
 * @param keepOnly informational output reduced to the lines matching one of these (empty: all)
 * @param cleanup volatile lines the normaliser drops and secret values it masks, compiled once
 *     here (each pattern with its line filter) and shared by every device of the model
 */
public record ArtifactSpec(String name, List<Source> sources, boolean optional, Pattern complete,
    int minLines, List<Pattern> keepOnly, CleanupRules cleanup) {

  /** One way to read an artifact: a kind and its target (command line, path, ...). */
  public record Source(String kind, String target) {}

  public ArtifactSpec {
    sources = List.copyOf(sources);
    keepOnly = List.copyOf(keepOnly);
  }

  /** True when this spec produces {@code artifact} (a glob spec produces one per file). */
  public boolean produces(String artifact) {
    if (!name.contains("{file}")) {
      return name.equals(artifact);
    }
    String[] parts = name.split("\\{file\\}", -1);
    return artifact.startsWith(parts[0]) && artifact.endsWith(parts[1])
        && artifact.length() > parts[0].length() + parts[1].length();
  }
}
