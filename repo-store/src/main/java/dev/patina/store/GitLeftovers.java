package dev.patina.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;

/**
 * What a killed writer leaves in a git directory, found and handled under Patina's own lock:
 * git's {@code *.lock} files (a {@code kill -9} between creating {@code refs/heads/main.lock}
 * and renaming it over the ref leaves it for good, and every later commit fails), and a branch
 * file left empty or garbled by a crash (which must never be read as "no history yet").
 */
final class GitLeftovers {
  /**
   * A git lock file this old is a leftover: git holds one for the few milliseconds between
   * creating it and renaming it. A younger one may belong to a git program running now.
   */
  static final Duration STALE = Duration.ofSeconds(10);
  private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-f]{40}");

  private GitLeftovers() {}

  /** A git lock file found while holding Patina's lock: removed as stale, or kept as possibly live. */
  record Lock(Path file, boolean removed, Duration age) {}

  /**
   * Removes git lock files older than {@link #STALE} from {@code gitDir} (the caller holds
   * Patina's lock, so no Patina writes there now) and reports every lock file found.
   */
  static List<Lock> recover(Path gitDir) throws StoreException {
    List<Lock> found = new ArrayList<>();
    Instant now = Instant.now();
    for (Path file : lockFiles(gitDir)) {
      try {
        FileTime modified = Files.getLastModifiedTime(file);
        Duration age = Duration.between(modified.toInstant(), now);
        boolean stale = age.compareTo(STALE) >= 0;
        if (stale) {
          Files.deleteIfExists(file);
        }
        found.add(new Lock(file, stale, age));
      } catch (IOException e) {
        throw new StoreException("cannot remove the leftover git lock file " + file + ": " + e.getMessage()
            + "; delete it by hand if no git program is running on " + gitDir, e);
      }
    }
    return found;
  }

  /** Git lock files in the places git and JGit write them: the top, refs/, objects/info/, objects/pack/. */
  static List<Path> lockFiles(Path gitDir) throws StoreException {
    List<Path> out = new ArrayList<>();
    try {
      try (Stream<Path> top = Files.list(gitDir)) {
        top.filter(GitLeftovers::isLock).forEach(out::add);
      }
      for (String sub : List.of("refs", "logs", "objects/info", "objects/pack")) {
        Path d = gitDir.resolve(sub);
        if (!Files.isDirectory(d)) continue;
        try (Stream<Path> s = Files.walk(d)) {
          s.filter(GitLeftovers::isLock).forEach(out::add);
        }
      }
    } catch (IOException e) {
      throw new StoreException("cannot look for git lock files in " + gitDir + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static boolean isLock(Path p) {
    return p.getFileName().toString().endsWith(".lock") && Files.isRegularFile(p)
        && !p.getFileName().toString().equals("patina.lock");
  }

  /** Why the commit could not lock {@code ref}, naming a lock file that is in the way (null: none). */
  static String blockingLock(Path gitDir, String ref) {
    Path lock = gitDir.resolve(ref + ".lock");
    if (!Files.exists(lock)) return null;
    String age;
    try {
      age = Duration.between(Files.getLastModifiedTime(lock).toInstant(), Instant.now()).toSeconds() + " s old";
    } catch (IOException e) {
      age = "age unknown";
    }
    return lock + " exists (" + age + "): a git program is writing the branch, or one was killed while it did."
        + " If no git program is running on " + gitDir + ", delete it; Patina removes one older than "
        + STALE.toSeconds() + " s itself when it takes its lock";
  }

  /**
   * Throws when the branch file exists but holds no commit id (empty or garbled by a crash):
   * committing would start a new history and leave all earlier versions unreachable.
   */
  static void checkBranch(Path gitDir, String ref) throws StoreException {
    Path file = gitDir.resolve(ref);
    if (!Files.isRegularFile(file)) return;
    String text;
    try {
      text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).strip();
    } catch (IOException e) {
      throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (OBJECT_ID.matcher(text).matches() || text.startsWith("ref: ")) return;
    String shown = text.isEmpty() ? "it is empty" : "it holds \"" + printable(text) + "\", not a commit id";
    String last = lastLogged(gitDir, ref);
    throw new StoreException("the branch file " + file + " is broken (" + shown + "), as a crash can leave it;"
        + " nothing was committed, so no history is lost. "
        + (last == null
            ? "Set it to the last good commit: git -C " + gitDir + " update-ref " + ref + " <commit id> (git -C "
                + gitDir + " fsck --lost-found lists candidates)"
            : "The last commit it pointed to was " + last + "; restore it with: git -C " + gitDir
                + " update-ref " + ref + " " + last));
  }

  /** The newest commit id the reflog of {@code ref} records, or null. */
  private static String lastLogged(Path gitDir, String ref) {
    Path log = gitDir.resolve("logs").resolve(ref);
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      for (int i = lines.size() - 1; i >= 0; i--) {
        String[] f = lines.get(i).split(" ", 3);
        if (f.length >= 2 && OBJECT_ID.matcher(f[1]).matches() && !f[1].equals(ObjectId.zeroId().name())) {
          return f[1];
        }
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return null;
  }

  private static String printable(String s) {
    String t = s.replaceAll("[^\\x20-\\x7e]", "?");
    return t.length() > 40 ? t.substring(0, 40) + "..." : t;
  }
}
