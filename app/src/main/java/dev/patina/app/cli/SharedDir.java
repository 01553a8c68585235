package dev.patina.app.cli;

import dev.patina.sim.SharedCaptures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Finds {@code shared/device-captures} (recorded sessions beside the checkout) for the demo. */
final class SharedDir {
  private SharedDir() {}

  static Path captures() throws IOException {
    try {
      return SharedCaptures.dir();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
