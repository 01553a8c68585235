package dev.patina.inventory;

import java.nio.file.Path;

/** One mistake in a configuration file, at a line (1-based; 0 when it concerns the whole file). */
public record Problem(Path file, int line, String message) {
  /** {@code devices.yaml:14: device "core sw1": name may contain only ...} */
  @Override
  public String toString() {
    return file + (line > 0 ? ":" + line : "") + ": " + message;
  }
}
