package dev.patina.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Writes a file Patina owns (a run report, the status file, an outbox message, known hosts, a
 * key) whole or not at all: into a temporary file beside it, flushed to disk, then renamed over
 * the old one, so a full disk or a {@code kill -9} leaves the old file or the new one, never a
 * part of either, and never a temporary file.
 *
 * <p>What is at the path decides how:
 * <ul>
 *   <li>nothing, or a regular file: replaced atomically as above;
 *   <li>a symbolic link: followed; the file it points to is replaced in its own folder, the link stays;
 *   <li>a device, pipe or socket ({@code /dev/stdout}, a FIFO): written through, never replaced
 *       (a write there cannot be atomic; the device node stays what it is);
 *   <li>a folder: refused.
 * </ul>
 * A missing parent folder is an error naming it (Patina does not create folders the user named).
 */
public final class SafeFile {
  /** Writes the bytes of a file's content. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private SafeFile() {}

  /** Writes {@code bytes} to {@code target}; {@code what} names the file in errors ("the run report"). */
  public static void write(Path target, byte[] bytes, String what) throws IOException {
    write(target, out -> out.write(bytes), what, null);
  }

  /**
   * Writes {@code content} to {@code target}. {@code permissions}: those of a new file (null:
   * the default), for a key only its owner may read; the file never exists with wider ones.
   */
  public static void write(Path target, Content content, String what, Set<PosixFilePermission> permissions)
      throws IOException {
    Path file = target;
    if (Files.isSymbolicLink(file)) {
      try {
        file = file.toRealPath();
      } catch (NoSuchFileException e) {
        throw new IOException(what + " " + target + " is a symbolic link to a missing file ("
            + Files.readSymbolicLink(target) + "); remove the link or point it at a folder that exists");
      }
    }
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new IOException(what + " " + target + " is a folder; give a file name");
      }
      writeThrough(file, content, what, target);
      return;
    }
    Path dir = file.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new IOException("cannot write " + what + " " + target + ": the folder " + dir
          + " does not exist; create it or choose another path");
    }
    Path tmp;
    try {
      tmp = permissions == null ? Files.createTempFile(dir, "." + file.getFileName(), ".tmp")
          : Files.createTempFile(dir, "." + file.getFileName(), ".tmp",
              java.nio.file.attribute.PosixFilePermissions.asFileAttribute(permissions));
    } catch (UnsupportedOperationException e) {
      tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    } catch (IOException e) {
      throw failure(what, target, e);
    }
    boolean done = false;
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
          OutputStream out = Channels.newOutputStream(ch)) {
        java.io.BufferedOutputStream buffered = new java.io.BufferedOutputStream(out, 65536);
        content.writeTo(buffered);
        buffered.flush();
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      done = true;
      syncFolder(dir);
    } catch (IOException e) {
      throw failure(what, target, e);
    } finally {
      if (!done) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the name starts with a dot and ends with .tmp: recognisable as a leftover
        }
      }
    }
  }

  private static void writeThrough(Path file, Content content, String what, Path target) throws IOException {
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
      content.writeTo(out);
      out.flush();
    } catch (IOException e) {
      throw failure(what, target, e);
    }
  }

  /** Makes the rename itself durable (best effort: not every file system lets a folder be synced). */
  private static void syncFolder(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | RuntimeException ignored) {
      // the data is on disk; at worst the rename is not yet
    }
  }

  private static IOException failure(String what, Path target, IOException e) {
    String reason = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason()
        : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new IOException("cannot write " + what + " " + target + ": " + reason
        + (reason.contains("space") ? "; free some space" : "") + " (nothing was changed)", e);
  }
}
