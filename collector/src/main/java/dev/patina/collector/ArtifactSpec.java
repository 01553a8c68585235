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
 * @param format how the text is laid out before it is checked (pretty-printed JSON, joined lines)
 * @param dropBlocks volatile blocks (from a line to the next closing one), removed by the collector
 * @param structure structural end checks a complete artifact passes ({@link Structure}: braces
 *     balanced, no banner left open), beside {@code complete}
 */
public record ArtifactSpec(String name, List<Source> sources, boolean optional, Pattern complete,
    int minLines, List<Pattern> keepOnly, CleanupRules cleanup, ArtifactFormat format, List<Block> dropBlocks,
    List<Structure> structure) {

  /** One way to read an artifact: a kind and its target (command line, path, ...). */
  public record Source(String kind, String target) {}

  /** A volatile block: a line matching {@code from} through the next line matching {@code to}. */
  public record Block(Pattern from, Pattern to) {}

  public ArtifactSpec {
    sources = List.copyOf(sources);
    keepOnly = List.copyOf(keepOnly);
    format = format == null ? ArtifactFormat.AS_IS : format;
    dropBlocks = dropBlocks == null ? List.of() : List.copyOf(dropBlocks);
    structure = structure == null ? List.of() : List.copyOf(structure);
  }

  /** An artifact stored as the device wrote it. */
  public ArtifactSpec(String name, List<Source> sources, boolean optional, Pattern complete,
      int minLines, List<Pattern> keepOnly, CleanupRules cleanup) {
    this(name, sources, optional, complete, minLines, keepOnly, cleanup, ArtifactFormat.AS_IS, List.of(), List.of());
  }

  /**
   * {@code text} without its volatile blocks; a block that starts but never closes means the
   * output ended early (INCOMPLETE), since its lines may be anything, secrets included.
   */
  public String withoutBlocks(String device, String artifact, String text) throws CollectException {
    if (dropBlocks.isEmpty()) return text;
    String[] lines = text.split("\n", -1);
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < lines.length; i++) {
      Block open = null;
      for (Block b : dropBlocks) {
        if (b.from().matcher(lines[i]).find()) {
          open = b;
          break;
        }
      }
      if (open == null) {
        out.append(lines[i]);
        if (i < lines.length - 1) out.append('\n');
        continue;
      }
      int start = i;
      while (++i < lines.length && !open.to().matcher(lines[i]).find()) { } // skip to the closing line
      if (i >= lines.length) {
        throw new CollectException(FailureKind.INCOMPLETE, device + ": " + artifact + " incomplete: the block at \""
            + lines[start].strip() + "\" never ends with a line matching " + open.to().pattern() + "; previous version kept");
      }
    }
    return out.toString();
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
