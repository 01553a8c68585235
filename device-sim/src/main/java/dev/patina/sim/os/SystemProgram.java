package dev.patina.sim.os;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.opentest4j.TestAbortedException;

/**
 * Finds a Debian program a system test needs (snmpd, sshd, keepalived, netconfd): skips the
 * test when it is missing, or fails it when {@code PATINA_SYSTEM_TESTS=required} (as in CI).
 */
public final class SystemProgram {
  private static final List<String> DIRS =
      List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin");

  private SystemProgram() {}

  /** True when system tests must run rather than skip ({@code PATINA_SYSTEM_TESTS=required}). */
  public static boolean required() {
    String v = System.getenv("PATINA_SYSTEM_TESTS");
    return v != null && v.trim().toLowerCase(Locale.ROOT).equals("required");
  }

  /** The program's path, searched in PATH and the sbin directories, if installed. */
  public static Optional<Path> find(String name) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : (path + ":" + String.join(":", DIRS)).split(":")) {
      if (dir.isEmpty()) continue;
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) return Optional.of(candidate);
    }
    return Optional.empty();
  }

  /**
   * The program's path; when missing, aborts the calling test with a message naming the
   * Debian package, or fails it when system tests are required.
   */
  public static Path need(String name, String debianPackage) {
    Optional<Path> found = find(name);
    if (found.isPresent()) return found.get();
    String message = name + " is not installed (Debian package " + debianPackage
        + "; .ci/run installs it with apt-get)";
    if (required()) throw new AssertionError("PATINA_SYSTEM_TESTS=required but " + message);
    throw new TestAbortedException("skipped: " + message);
  }

  /** Same as {@link #need(String, String)} with the package named like the program. */
  public static Path need(String name) {
    return need(name, name);
  }

  /**
   * Checks a capability the system test needs (e.g. creating network namespaces); aborts or
   * fails like {@link #need(String, String)} when it is absent.
   */
  public static void needCapability(boolean present, String what) {
    if (present) return;
    if (required()) throw new AssertionError("PATINA_SYSTEM_TESTS=required but " + what);
    throw new TestAbortedException("skipped: " + what);
  }
}
