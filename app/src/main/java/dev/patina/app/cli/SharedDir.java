package dev.patina.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds {@code shared/device-captures} (recorded sessions beside the checkout) for the demo. */
final class SharedDir {
  private SharedDir() {}

  static Path captures() throws java.io.IOException {
    List<Path> tried = new ArrayList<>();
    for (String c : new String[] {System.getProperty("patina.shared"), System.getenv("PATINA_SHARED"),
        System.getProperty("patina.home") == null ? null : System.getProperty("patina.home") + "/../shared",
        "../shared", "shared"}) {
      if (c == null) continue;
      Path p = Path.of(c).resolve("device-captures").toAbsolutePath().normalize();
      tried.add(p);
      if (Files.isDirectory(p)) return p;
    }
    throw new java.io.IOException("cannot find the recorded device sessions (shared/device-captures); looked in "
        + tried + "; set PATINA_SHARED to the folder that holds device-captures/");
  }
}
