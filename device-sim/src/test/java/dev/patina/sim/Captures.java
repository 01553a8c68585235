package dev.patina.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared recorded sessions ({@code patina.shared}/device-captures). */
final class Captures {
  private Captures() {}

  static Path dir() {
    return SharedCaptures.dir();
  }

  static List<Path> all() {
    try (Stream<Path> files = Files.list(dir())) {
      return files.filter(p -> p.getFileName().toString().endsWith("#simulation.yaml")).sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The one capture whose file name starts with {@code prefix}. */
  static Capture load(String prefix) throws IOException {
    List<Path> found = all().stream()
        .filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
    if (found.size() != 1) {
      throw new IllegalArgumentException("expected one capture named " + prefix + "*, found " + found);
    }
    return Capture.load(found.get(0));
  }
}
