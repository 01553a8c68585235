package dev.patina.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the libraries' log goes (sshj, JGit, MINA, Quartz): a debug log file, not the
 * engineer's terminal. Their warnings come with stack traces (190 lines for a corrupt pack, one
 * per disconnect or refused host key) beside Patina's own one-line reason, which says what to do.
 * The file is {@code $PATINA_DEBUG_LOG}, else {@code $XDG_STATE_HOME/patina/debug.log}, else
 * {@code ~/.local/state/patina/debug.log}; if none can be made, library warnings are dropped and
 * errors alone reach stderr.
 */
public final class DebugLog {
  private static final String LOG_FILE = "org.slf4j.simpleLogger.logFile";
  private static volatile Path file;

  private DebugLog() {}

  /** Points the library log at the debug log file (before any library logs); returns it or null. */
  public static Path configure(Map<String, String> env) {
    if (System.getProperty(LOG_FILE) != null) {
      return null; // set by the user (PATINA_JAVA_OPTS): theirs wins
    }
    Path chosen = env.get("PATINA_DEBUG_LOG") != null && !env.get("PATINA_DEBUG_LOG").isBlank()
        ? Path.of(env.get("PATINA_DEBUG_LOG"))
        : env.get("XDG_STATE_HOME") != null && !env.get("XDG_STATE_HOME").isBlank()
            ? Path.of(env.get("XDG_STATE_HOME"), "patina", "debug.log")
            : Path.of(System.getProperty("user.home"), ".local", "state", "patina", "debug.log");
    try {
      Files.createDirectories(chosen.toAbsolutePath().getParent());
      if (Files.exists(chosen) && !Files.isRegularFile(chosen)) {
        throw new IOException(chosen + " is not a file");
      }
      System.setProperty(LOG_FILE, chosen.toString());
      System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
      file = chosen;
      return chosen;
    } catch (IOException | RuntimeException e) {
      System.setProperty(LOG_FILE, "System.err");
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
      return null;
    }
  }

  /** The debug log file in use, or null. */
  public static Path file() {
    return file;
  }
}
