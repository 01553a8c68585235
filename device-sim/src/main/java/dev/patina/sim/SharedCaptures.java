package dev.patina.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the recorded device sessions that live beside the checkout ({@code ../shared/device-captures},
 * {@code ../shared/more-device-captures}), for tests, benchmarks and the demo. Where it looks, in
 * order: the {@code patina.shared} system property (the build sets it), the {@code PATINA_SHARED}
 * environment variable, then {@code shared/} in the working folder or any folder above it (a
 * module's tests run in the module folder, the CLI in the checkout), then the same above the
 * {@code patina.home} the launcher sets. No machine's path is built in.
 */
public final class SharedCaptures {
  /** The first recorded sessions. */
  public static final String CAPTURES = "device-captures";

  private SharedCaptures() {}

  /** The {@code device-captures} folder; fails naming every place looked at when there is none. */
  public static Path dir() {
    return dir(CAPTURES);
  }

  /** That folder of {@code shared/} ({@code device-captures}, {@code more-device-captures}, ...). */
  public static Path dir(String folder) {
    Set<Path> tried = new LinkedHashSet<>();
    for (Path shared : candidates()) {
      Path p = shared.resolve(folder).toAbsolutePath().normalize();
      tried.add(p);
      if (Files.isDirectory(p)) {
        return p;
      }
    }
    throw new UncheckedIOException(new IOException("cannot find the recorded device sessions (shared/" + folder
        + "); looked in " + tried + "; set PATINA_SHARED (or -Dpatina.shared) to the folder that holds "
        + folder + "/"));
  }

  /** One recorded file of {@code device-captures} by its file name. */
  public static Path file(String name) {
    Path p = dir().resolve(name);
    if (!Files.isRegularFile(p)) {
      throw new UncheckedIOException(new IOException(p + ": no such recorded session"));
    }
    return p;
  }

  /** The files of {@code device-captures} whose names end with {@code suffix}, sorted. */
  public static List<Path> list(String suffix) {
    try (Stream<Path> files = Files.list(dir())) {
      return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> candidates() {
    List<Path> out = new ArrayList<>();
    for (String configured : new String[] {System.getProperty("patina.shared"), System.getenv("PATINA_SHARED")}) {
      if (configured != null && !configured.isBlank()) {
        out.add(Path.of(configured));
      }
    }
    List<Path> starts = new ArrayList<>(List.of(Path.of("").toAbsolutePath()));
    String home = System.getProperty("patina.home"); // set by the patina launcher: the checkout or install
    if (home != null && !home.isBlank()) {
      starts.add(Path.of(home).toAbsolutePath());
    }
    for (Path start : starts) {
      for (Path d = start; d != null; d = d.getParent()) {
        out.add(d.resolve("shared"));
      }
    }
    return out;
  }
}
